using System.Text.Json;
using System.Text.Json.Serialization;
using Thaw.Lambda.Core;
using Thaw.Lambda.Serialization.SystemTextJson.Converters;

namespace Thaw.Lambda.Serialization.SystemTextJson;

/// <summary>Shared behaviour of the Lambda JSON serializers: options, error messages, debug logging.</summary>
public abstract class AbstractLambdaJsonSerializer : ILambdaSerializer
{
    internal const string DebugEnvironmentVariable = "LAMBDA_NET_SERIALIZER_DEBUG";

    private readonly bool _debug;

    /// <summary>Creates the serializer.</summary>
    protected AbstractLambdaJsonSerializer() =>
        _debug = string.Equals(Environment.GetEnvironmentVariable(DebugEnvironmentVariable), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The options Amazon's serializers use: AWS naming policy, case-insensitive reads, nulls omitted, AWS converters.</summary>
    public static JsonSerializerOptions CreateDefaultJsonSerializationOptions() => new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = new AwsNamingPolicy(),
        Converters = { new DateTimeConverter(), new MemoryStreamConverter() },
    };

    /// <inheritdoc />
    public T Deserialize<T>(Stream requestStream)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        try
        {
            if (_debug)
            {
                using var buffer = new MemoryStream();
                requestStream.CopyTo(buffer);
                Console.WriteLine($"Lambda Deserialize {typeof(T).FullName}: {System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)}");
                buffer.Position = 0;
                return InternalDeserialize<T>(buffer)!;
            }

            return InternalDeserialize<T>(requestStream)!;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new JsonSerializerException($"Error converting the Lambda event JSON payload to type {typeof(T).FullName}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public void Serialize<T>(T response, Stream responseStream)
    {
        ArgumentNullException.ThrowIfNull(responseStream);
        try
        {
            InternalSerialize(response, responseStream);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw new JsonSerializerException($"Error converting the response object of type {typeof(T).FullName} from the Lambda function to JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads the payload.</summary>
    protected abstract T? InternalDeserialize<T>(Stream requestStream);

    /// <summary>Writes the response.</summary>
    protected abstract void InternalSerialize<T>(T response, Stream responseStream);
}
