using FoodDelivery.Restaurant;
using FoodDelivery.ServiceDefaults.Hosting;

return await ServiceHost.RunAsync(new RestaurantServiceModule(), args);
