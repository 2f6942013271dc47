using FoodDelivery.Order;
using FoodDelivery.ServiceDefaults.Hosting;

return await ServiceHost.RunAsync(new OrderServiceModule(), args);
