using System.Security.Cryptography;
using System.Text.Json;
using Thaw.Agent.Protocol;

namespace Thaw.Sandbox.Tests.Support;

/// <summary>Talks to the fixture agent: JSON commands in Invoke frames, JSON results in Response frames.</summary>
internal static class FixtureAgent
{
    public static async Task<JsonElement> InvokeAsync(IExecutionEnvironment env, object command, CancellationToken cancellationToken)
    {
        var requestId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var body = JsonSerializer.SerializeToUtf8Bytes(command, TestJsonContext.Default.Options.GetTypeInfo(command.GetType()));
        await env.SendAsync(FrameKind.Invoke, new Dictionary<string, object?> { ["requestId"] = requestId, ["deadlineMs"] = 0L }, body, cancellationToken);
        var frame = await ExpectAsync(env, FrameKind.Response, cancellationToken);
        Assert.Equal(requestId, frame.GetString("requestId"));
        return JsonDocument.Parse(frame.Body).RootElement.Clone();
    }

    public static Task<JsonElement> InfoAsync(IExecutionEnvironment env, CancellationToken cancellationToken, params string[] paths) =>
        InvokeAsync(env, new Command("info") { Paths = paths }, cancellationToken);

    /// <summary>Reads frames until one of <paramref name="kind"/>, skipping Log frames.</summary>
    public static async Task<Frame> ExpectAsync(IExecutionEnvironment env, FrameKind kind, CancellationToken cancellationToken)
    {
        while (true)
        {
            var frame = await env.ReceiveAsync(cancellationToken) ?? throw new InvalidOperationException($"The environment's output ended while waiting for {kind}.");
            if (frame.Kind == FrameKind.Log)
            {
                continue;
            }

            Assert.Equal(kind, frame.Kind);
            return frame;
        }
    }

    public static Dictionary<string, string> Macs(JsonElement info) =>
        info.GetProperty("macs").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
