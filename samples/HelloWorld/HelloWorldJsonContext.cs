using System.Text.Json.Serialization;

namespace HelloWorld;

[JsonSerializable(typeof(GreetingRequest))]
[JsonSerializable(typeof(GreetingResponse))]
public sealed partial class HelloWorldJsonContext : JsonSerializerContext;
