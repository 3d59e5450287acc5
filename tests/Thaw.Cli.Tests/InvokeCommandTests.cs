using System.Text;
using Thaw.Cli.Tests.Support;

namespace Thaw.Cli.Tests;

/// <summary><c>thaw invoke</c>: RequestResponse Invoke, body to stdout as is, log tail decoded, function errors exit 1.</summary>
public sealed class InvokeCommandTests : IAsyncLifetime
{
    private FakeLambdaHost _host = null!;
    private readonly CliHarness _harness = new();

    public async ValueTask InitializeAsync()
    {
        _host = await FakeLambdaHost.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        _host.AddFunction("echo");
        _harness.Environment["THAW_ENDPOINT"] = _host.Endpoint.ToString();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_response_body_is_printed_unchanged()
    {
        var run = await _harness.RunAsync("invoke", "echo", "--payload", "{\"name\":\"[bold]x[/]\"}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("{\"name\":\"[bold]x[/]\"}\n", run.Out);
        var request = Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions/echo/invocations"));
        Assert.Equal("RequestResponse", request.Header("X-Amz-Invocation-Type"));
        Assert.Null(request.Header("X-Amz-Log-Type"));
        Assert.Equal(string.Empty, request.Query);
    }

    [Fact]
    public async Task The_payload_defaults_to_an_empty_object_and_the_qualifier_goes_in_the_query()
    {
        var run = await _harness.RunAsync("invoke", "echo:7");

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions/echo/invocations"));
        Assert.Equal("?Qualifier=7", request.Query);
        Assert.Equal("{}", request.BodyText);
    }

    [Fact]
    public async Task A_payload_file_is_sent()
    {
        using var dir = new TempDirectory();
        dir.Write("event.json", "{\"from\":\"file\"}");
        _harness.CurrentDirectory = dir.Path;

        var run = await _harness.RunAsync("invoke", "echo", "--payload-file", "event.json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("{\"from\":\"file\"}", Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions/echo/invocations")).BodyText);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    public async Task A_payload_that_is_not_json_is_refused_before_sending(string payload)
    {
        var run = await _harness.RunAsync("invoke", "echo", "--payload", payload);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("--payload is not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.Empty(_host.RequestsTo("POST", "/2015-03-31/functions/echo/invocations"));
    }

    [Fact]
    public async Task Tail_asks_for_the_log_and_prints_it_decoded()
    {
        const string log = "START RequestId: 1 Version: $LATEST\nhello from the function\nEND RequestId: 1\n";
        _host.InvokeHandler = _ => (200, "\"ok\"", new() { ["X-Amz-Log-Result"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(log)) });

        var run = await _harness.RunAsync("invoke", "echo", "--tail");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("Tail", Assert.Single(_host.RequestsTo("POST", "/2015-03-31/functions/echo/invocations")).Header("X-Amz-Log-Type"));
        Assert.Contains("hello from the function", run.Error, StringComparison.Ordinal);
        Assert.Equal("\"ok\"\n", run.Out);
    }

    [Fact]
    public async Task A_function_error_exits_1_and_shows_the_error()
    {
        const string body = "{\"errorType\":\"InvalidOperationException\",\"errorMessage\":\"boom\"}";
        _host.InvokeHandler = _ => (200, body, new() { ["X-Amz-Function-Error"] = "Unhandled" });

        var run = await _harness.RunAsync("invoke", "echo");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(body + "\n", run.Out);
        Assert.Contains("the function failed (Unhandled): InvalidOperationException: boom", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_function_shows_the_aws_error()
    {
        var run = await _harness.RunAsync("invoke", "missing");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ResourceNotFoundException (HTTP 404): Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lower_case_message_error_body_is_shown_too()
    {
        _host.InvokeHandler = _ => (429, "{\"message\":\"Rate exceeded\",\"Type\":\"User\"}", new() { ["x-amzn-ErrorType"] = "TooManyRequestsException" });

        var run = await _harness.RunAsync("invoke", "echo");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("TooManyRequestsException (HTTP 429): Rate exceeded", run.Error, StringComparison.Ordinal);
    }
}
