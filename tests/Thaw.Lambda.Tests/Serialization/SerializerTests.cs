using System.Text;
using System.Text.Json.Serialization;
using Thaw.Lambda.APIGatewayEvents;
using Thaw.Lambda.Serialization.SystemTextJson;

namespace Thaw.Lambda.Tests.Serialization;

public sealed class SerializerTests
{
    private static string Serialize<T>(AbstractLambdaJsonSerializer serializer, T value)
    {
        using var stream = new MemoryStream();
        serializer.Serialize(value, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static T Deserialize<T>(AbstractLambdaJsonSerializer serializer, string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return serializer.Deserialize<T>(stream);
    }

    [Fact]
    public void Default_serializer_keeps_names_maps_aws_special_cases_and_omits_nulls()
    {
        var json = Serialize(new DefaultLambdaJsonSerializer(), new S3Like { BucketName = "b", XAmzRequestId = "r", XAmzId2 = "i", Missing = null });
        Assert.Equal("{\"BucketName\":\"b\",\"x-amz-request-id\":\"r\",\"x-amz-id-2\":\"i\"}", json);
    }

    [Fact]
    public void Default_serializer_reads_case_insensitively_epoch_dates_and_base64_streams()
    {
        var value = Deserialize<S3Like>(new DefaultLambdaJsonSerializer(), "{\"bucketname\":\"b\",\"When\":1700000000,\"Data\":\"aGk=\"}");
        Assert.Equal("b", value.BucketName);
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc), value.When);
        Assert.Equal("hi", Encoding.UTF8.GetString(value.Data!.ToArray()));
    }

    [Fact]
    public void Camel_case_serializer_writes_camel_case()
    {
        Assert.Equal("{\"bucketName\":\"b\"}", Serialize(new CamelCaseLambdaJsonSerializer(), new S3Like { BucketName = "b" }));
    }

    [Fact]
    public void Unreadable_payload_gives_amazons_error_message()
    {
        var error = Assert.Throws<JsonSerializerException>(() => Deserialize<S3Like>(new DefaultLambdaJsonSerializer(), "{not json"));
        Assert.StartsWith("Error converting the Lambda event JSON payload to type Thaw.Lambda.Tests.Serialization.S3Like: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_generated_serializer_round_trips_api_gateway_v1_events()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<APIGatewayEventsJsonContext>();
        var request = Deserialize<APIGatewayProxyRequest>(serializer, """
            {"resource":"/{proxy+}","path":"/hello","httpMethod":"GET","headers":{"Accept":"*/*"},
             "multiValueHeaders":{"Accept":["*/*"]},"queryStringParameters":{"q":"1"},
             "requestContext":{"accountId":"123","stage":"prod","requestId":"rid","identity":{"sourceIp":"10.0.0.1"},"requestTimeEpoch":1700000000000},
             "body":null,"isBase64Encoded":false}
            """);
        Assert.Equal("/hello", request.Path);
        Assert.Equal("GET", request.HttpMethod);
        Assert.Equal("*/*", request.Headers!["Accept"]);
        Assert.Equal("1", request.QueryStringParameters!["q"]);
        Assert.Equal("10.0.0.1", request.RequestContext!.Identity!.SourceIp);
        Assert.Equal(1700000000000, request.RequestContext.RequestTimeEpoch);

        var json = Serialize(serializer, new APIGatewayProxyResponse { StatusCode = 200, Body = "{}" });
        Assert.Equal("{\"statusCode\":200,\"body\":\"{}\",\"isBase64Encoded\":false}", json);
    }

    [Fact]
    public void Source_generated_serializer_round_trips_http_api_v2_events()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<APIGatewayEventsJsonContext>();
        var request = Deserialize<APIGatewayHttpApiV2ProxyRequest>(serializer, """
            {"version":"2.0","routeKey":"$default","rawPath":"/p","rawQueryString":"a=1","cookies":["c=1"],
             "headers":{"host":"x"},"requestContext":{"http":{"method":"POST","path":"/p","sourceIp":"1.2.3.4"},
             "authorizer":{"jwt":{"claims":{"sub":"u"},"scopes":["s"]}},"timeEpoch":5},"body":"eyJ9","isBase64Encoded":true}
            """);
        Assert.Equal("$default", request.RouteKey);
        Assert.Equal("POST", request.RequestContext!.Http!.Method);
        Assert.Equal("u", request.RequestContext.Authorizer!.Jwt!.Claims!["sub"]);
        Assert.True(request.IsBase64Encoded);

        var json = Serialize(serializer, new APIGatewayHttpApiV2ProxyResponse { StatusCode = 201, Cookies = ["a=b"], Headers = new Dictionary<string, string> { ["x"] = "y" } });
        Assert.Equal("{\"statusCode\":201,\"headers\":{\"x\":\"y\"},\"cookies\":[\"a=b\"],\"isBase64Encoded\":false}", json);
    }

    [Fact]
    public void Source_generated_serializer_rejects_types_missing_from_the_context()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<APIGatewayEventsJsonContext>();
        var error = Assert.Throws<JsonSerializerException>(() => Serialize(serializer, new S3Like()));
        Assert.Contains("missing from the JsonSerializerContext", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Source_generated_serializer_applies_the_aws_options_to_its_context()
    {
        var serializer = new SourceGeneratorLambdaJsonSerializer<TestJsonContext>();
        Assert.Equal("{\"BucketName\":\"b\",\"x-amz-request-id\":\"r\"}", Serialize(serializer, new S3Like { BucketName = "b", XAmzRequestId = "r" }));
        Assert.Equal("c", Deserialize<S3Like>(serializer, "{\"BUCKETNAME\":\"c\"}").BucketName);
    }
}

public sealed class S3Like
{
    public string? BucketName { get; set; }

    public string? XAmzRequestId { get; set; }

    public string? XAmzId2 { get; set; }

    public string? Missing { get; set; }

    public DateTime? When { get; set; }

    public MemoryStream? Data { get; set; }
}

[JsonSerializable(typeof(S3Like))]
public sealed partial class TestJsonContext : JsonSerializerContext;
