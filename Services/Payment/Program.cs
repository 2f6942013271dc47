using FoodDelivery.Payment;
using FoodDelivery.ServiceDefaults.Hosting;

return await ServiceHost.RunAsync(new PaymentServiceModule(), args);
