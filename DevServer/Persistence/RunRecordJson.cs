using System.Text.Json.Serialization;

namespace FoodDelivery.DevServer.Persistence;

/// <summary>Compile-time JSON (de)serializers for <see cref="RunRecord"/> (fast, no reflection).</summary>
[JsonSerializable(typeof(RunRecord))]
internal sealed partial class RunRecordJson : JsonSerializerContext;
