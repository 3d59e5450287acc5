using Microsoft.Extensions.Time.Testing;
using Thaw.Lambda.Core;
using Thaw.Lambda.RuntimeSupport.Context;
using Thaw.Lambda.RuntimeSupport.Logging;

namespace Thaw.Lambda.Tests.Logging;

public sealed class LogFormatTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 10, 11, 12, 345, TimeSpan.Zero));

    private (LambdaLogFormatter Formatter, StringWriter Output) Create(Dictionary<string, string?>? variables = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var formatter = new LambdaLogFormatter(output, _time, LambdaEnvironment.FromDictionary(variables ?? []))
        {
            CurrentAwsRequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
        };
        return (formatter, output);
    }

    [Fact]
    public void Lines_have_timestamp_request_id_level_and_message_separated_by_tabs()
    {
        var (formatter, output) = Create();
        ILambdaLogger logger = new LambdaConsoleLogger(formatter);

        logger.LogInformation("hello");
        logger.LogWarning("careful");
        logger.LogError("broken {0} of {1}", 2, 3);
        logger.LogCritical("down");
        logger.LogLine("plain");
        logger.Log("Custom", "odd level");

        Assert.Equal(
            "2026-12-04T10:11:12.345Z\t8476a536-e9f4-11e8-9739-2dfe598c3fcd\tinfo\thello\n" +
            "2026-12-04T10:11:12.345Z\t8476a536-e9f4-11e8-9739-2dfe598c3fcd\twarn\tcareful\n" +
            "2026-12-04T10:11:12.345Z\t8476a536-e9f4-11e8-9739-2dfe598c3fcd\tfail\tbroken 2 of 3\n" +
            "2026-12-04T10:11:12.345Z\t8476a536-e9f4-11e8-9739-2dfe598c3fcd\tcrit\tdown\n" +
            "2026-12-04T10:11:12.345Z\t8476a536-e9f4-11e8-9739-2dfe598c3fcd\tinfo\tplain\n" +
            "2026-12-04T10:11:12.345Z\t8476a536-e9f4-11e8-9739-2dfe598c3fcd\tCustom\todd level\n",
            output.ToString());
    }

    [Fact]
    public void Debug_and_trace_are_dropped_unless_the_level_variable_lowers_the_minimum()
    {
        var (quiet, quietOutput) = Create();
        ((ILambdaLogger)new LambdaConsoleLogger(quiet)).LogDebug("hidden");
        Assert.Equal(string.Empty, quietOutput.ToString());

        var (verbose, verboseOutput) = Create(new() { ["AWS_LAMBDA_HANDLER_LOG_LEVEL"] = "Trace" });
        ILambdaLogger logger = new LambdaConsoleLogger(verbose);
        logger.LogTrace("t");
        logger.LogDebug("d");
        Assert.Contains("\ttrce\tt\n", verboseOutput.ToString(), StringComparison.Ordinal);
        Assert.Contains("\tdbug\td\n", verboseOutput.ToString(), StringComparison.Ordinal);

        var (strict, strictOutput) = Create(new() { ["AWS_LAMBDA_HANDLER_LOG_LEVEL"] = "Error" });
        ((ILambdaLogger)new LambdaConsoleLogger(strict)).LogWarning("w");
        Assert.Equal(string.Empty, strictOutput.ToString());
    }

    [Fact]
    public void Unformatted_mode_writes_the_bare_message()
    {
        var (formatter, output) = Create(new() { ["AWS_LAMBDA_HANDLER_LOG_FORMAT"] = "Unformatted" });
        ((ILambdaLogger)new LambdaConsoleLogger(formatter)).LogInformation("vinternal_1:02-00-00-00-00-01");
        Assert.Equal("vinternal_1:02-00-00-00-00-01\n", output.ToString());
    }

    [Fact]
    public void Console_writers_format_each_WriteLine_and_pass_Write_through()
    {
        var (formatter, output) = Create();
        formatter.CurrentAwsRequestId = string.Empty;
        using var stdout = new FormattingTextWriter(formatter, "Information");
        using var stderr = new FormattingTextWriter(formatter, "Error");

        stdout.WriteLine("during init");
        stdout.WriteLine(42);
        stdout.WriteLine("{0}+{1}", 1, 2);
        stdout.Write("raw");
        stderr.WriteLine(new InvalidOperationException("boom"));

        Assert.Equal(
            "2026-12-04T10:11:12.345Z\t\tinfo\tduring init\n" +
            "2026-12-04T10:11:12.345Z\t\tinfo\t42\n" +
            "2026-12-04T10:11:12.345Z\t\tinfo\t1+2\n" +
            "raw" +
            "2026-12-04T10:11:12.345Z\t\tfail\tSystem.InvalidOperationException: boom\n",
            output.ToString());
    }

    [Fact]
    public void LambdaLogger_lines_have_no_level_column()
    {
        var (formatter, output) = Create();
        formatter.WriteLine(null, "static logger");
        Assert.Equal("2026-12-04T10:11:12.345Z\t8476a536-e9f4-11e8-9739-2dfe598c3fcd\tstatic logger\n", output.ToString());
    }
}
