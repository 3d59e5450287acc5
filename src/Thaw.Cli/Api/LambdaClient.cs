using System.Net.Http.Headers;
using Thaw.Cli.Api.Model;

namespace Thaw.Cli.Api;

/// <summary>The Lambda control plane and Invoke over the rest-json wire API (paths as in API.md).</summary>
internal sealed class LambdaClient(HostConnection connection)
{
    public HostConnection Connection { get; } = connection;

    public Task<FunctionConfiguration> GetFunctionConfigurationAsync(string name, string? qualifier, CancellationToken cancellationToken) =>
        Connection.GetJsonAsync(FunctionPath(name, "/configuration", qualifier), LambdaJsonContext.Default.FunctionConfiguration, cancellationToken);

    /// <summary>The configuration, or null when the function (or qualifier) does not exist.</summary>
    public async Task<FunctionConfiguration?> FindFunctionConfigurationAsync(string name, string? qualifier, CancellationToken cancellationToken)
    {
        try
        {
            return await GetFunctionConfigurationAsync(name, qualifier, cancellationToken);
        }
        catch (LambdaApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    public Task<FunctionConfiguration> CreateFunctionAsync(CreateFunctionRequest request, CancellationToken cancellationToken) =>
        Connection.SendJsonAsync(
            HttpMethod.Post,
            WireNames.LambdaFunctionsPath,
            HostConnection.JsonContent(request, LambdaJsonContext.Default.CreateFunctionRequest),
            LambdaJsonContext.Default.FunctionConfiguration,
            cancellationToken);

    public Task<FunctionConfiguration> UpdateFunctionCodeAsync(string name, UpdateFunctionCodeRequest request, CancellationToken cancellationToken) =>
        Connection.SendJsonAsync(
            HttpMethod.Put,
            FunctionPath(name, "/code", null),
            HostConnection.JsonContent(request, LambdaJsonContext.Default.UpdateFunctionCodeRequest),
            LambdaJsonContext.Default.FunctionConfiguration,
            cancellationToken);

    public Task<FunctionConfiguration> UpdateFunctionConfigurationAsync(string name, UpdateFunctionConfigurationRequest request, CancellationToken cancellationToken) =>
        Connection.SendJsonAsync(
            HttpMethod.Put,
            FunctionPath(name, "/configuration", null),
            HostConnection.JsonContent(request, LambdaJsonContext.Default.UpdateFunctionConfigurationRequest),
            LambdaJsonContext.Default.FunctionConfiguration,
            cancellationToken);

    public Task<FunctionConfiguration> PublishVersionAsync(string name, PublishVersionRequest request, CancellationToken cancellationToken) =>
        Connection.SendJsonAsync(
            HttpMethod.Post,
            FunctionPath(name, "/versions", null),
            HostConnection.JsonContent(request, LambdaJsonContext.Default.PublishVersionRequest),
            LambdaJsonContext.Default.FunctionConfiguration,
            cancellationToken);

    /// <summary>Every function ($LATEST configurations), following <c>NextMarker</c>.</summary>
    public async Task<IReadOnlyList<FunctionConfiguration>> ListFunctionsAsync(CancellationToken cancellationToken)
    {
        var all = new List<FunctionConfiguration>();
        string? marker = null;
        do
        {
            var path = marker is null
                ? WireNames.LambdaFunctionsPath + "/"
                : $"{WireNames.LambdaFunctionsPath}/?{WireNames.QueryMarker}={Uri.EscapeDataString(marker)}";
            var page = await Connection.GetJsonAsync(path, LambdaJsonContext.Default.ListFunctionsResponse, cancellationToken);
            all.AddRange(page.Functions ?? []);
            marker = string.IsNullOrEmpty(page.NextMarker) ? null : page.NextMarker;
        }
        while (marker is not null);
        return all;
    }

    /// <summary>A synchronous invocation. A function error is a result (see <see cref="InvokeResult.FunctionError"/>), not an exception.</summary>
    public async Task<InvokeResult> InvokeAsync(string name, string? qualifier, byte[] payload, bool tail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, Connection.Resolve(FunctionPath(name, "/invocations", qualifier)))
        {
            Content = new ByteArrayContent(payload),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(WireNames.ContentTypeJson);
        request.Headers.TryAddWithoutValidation(WireNames.HeaderInvocationType, WireNames.InvocationTypeRequestResponse);
        if (tail)
        {
            request.Headers.TryAddWithoutValidation(WireNames.HeaderLogType, WireNames.LogTypeTail);
        }

        using var response = await Connection.SendAsync(request, cancellationToken);
        await HostConnection.ThrowIfErrorAsync(response, cancellationToken);
        return new InvokeResult(
            (int)response.StatusCode,
            await response.Content.ReadAsByteArrayAsync(cancellationToken),
            Header(response, WireNames.HeaderFunctionError),
            Header(response, WireNames.HeaderLogResult),
            Header(response, WireNames.HeaderExecutedVersion));
    }

    /// <summary><c>/2015-03-31/functions/{name}{suffix}?Qualifier=…</c> with the name escaped (it may be an ARN).</summary>
    public static string FunctionPath(string name, string suffix, string? qualifier)
    {
        var path = $"{WireNames.LambdaFunctionsPath}/{Uri.EscapeDataString(name)}{suffix}";
        return string.IsNullOrEmpty(qualifier) ? path : $"{path}?{WireNames.QueryQualifier}={Uri.EscapeDataString(qualifier)}";
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
