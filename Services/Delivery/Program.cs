using FoodDelivery.Delivery;
using FoodDelivery.ServiceDefaults.Hosting;

return await ServiceHost.RunAsync(new DeliveryServiceModule(), args);
