using System.CommandLine;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Api.Model;
using Thaw.Cli.Common;

namespace Thaw.Cli.Commands.Invoke;

/// <summary>
/// <c>thaw invoke N[:QUALIFIER]</c>: a RequestResponse Invoke. The response body goes to stdout unchanged; the log tail and
/// errors go to stderr. A function error (<c>X-Amz-Function-Error</c>) exits with 1, as a failed command should.
/// </summary>
internal static class InvokeCommand
{
    public static Command Create(CliContext context)
    {
        var endpoint = EndpointOption.Create();
        var target = FunctionArgument.Create("FUNCTION", "Function name, optionally with :VERSION or :ALIAS");
        var payload = new Option<string?>("--payload") { Description = "The event, as JSON (default: {})", HelpName = "JSON" };
        var payloadFile = new Option<string?>("--payload-file") { Description = "Read the event from a file", HelpName = "FILE" };
        var tail = new Option<bool>("--tail") { Description = "Show the last 4 KB of the invocation's log (X-Amz-Log-Type: Tail)" };
        var command = new Command("invoke", "Invoke a function synchronously and print its response.") { target, payload, payloadFile, tail, endpoint };
        command.Validators.Add(r =>
        {
            if (r.GetResult(payload) is not null && r.GetResult(payloadFile) is not null)
            {
                r.AddError("Give either --payload or --payload-file, not both.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => CommandRunner.RunAsync(
            context,
            async () =>
            {
                var name = QualifiedName.Parse(parseResult.GetRequiredValue(target));
                var body = await ReadPayloadAsync(context, parseResult.GetValue(payload), parseResult.GetValue(payloadFile), cancellationToken);
                using var http = context.CreateHttpClient();
                var lambda = new LambdaClient(new HostConnection(http, EndpointOption.Resolve(parseResult, endpoint, context)));
                var result = await lambda.InvokeAsync(name.Name, name.Qualifier, body, parseResult.GetValue(tail), cancellationToken);
                return Print(context, result);
            },
            cancellationToken));
        return command;
    }

    /// <summary>The payload bytes, checked to be JSON (Lambda rejects anything else with InvalidRequestContentException).</summary>
    public static async Task<byte[]> ReadPayloadAsync(CliContext context, string? inline, string? file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        byte[] bytes;
        string source;
        if (file is not null)
        {
            var path = Path.GetFullPath(file, context.CurrentDirectory);
            if (!File.Exists(path))
            {
                throw new CliException($"--payload-file: '{file}' does not exist.");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            source = $"--payload-file {file}";
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(inline ?? "{}");
            source = "--payload";
        }

        try
        {
            using var _ = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new CliException($"{source} is not valid JSON: {e.Message}");
        }

        return bytes;
    }

    private static int Print(CliContext context, InvokeResult result)
    {
        if (result.DecodeLog() is { } log)
        {
            context.Error.Write(new Rule("[grey]log tail[/]").LeftJustified());
            context.Error.Profile.Out.Writer.Write(log.EndsWith('\n') ? log : log + "\n");
            context.Error.Write(new Rule().RuleStyle(Style.Parse("grey")));
        }

        var text = Encoding.UTF8.GetString(result.Payload);
        var writer = context.Out.Profile.Out.Writer;
        writer.Write(text);
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            writer.WriteLine();
        }

        writer.Flush();
        if (result.FunctionError is null)
        {
            return ExitCodes.Success;
        }

        var detail = DescribeFunctionError(result.Payload);
        context.Error.MarkupLine($"[red]error:[/] the function failed ({Markup.Escape(result.FunctionError)}){Markup.Escape(detail)}");
        return ExitCodes.Failure;
    }

    private static string DescribeFunctionError(byte[] payload)
    {
        try
        {
            var error = JsonSerializer.Deserialize(payload, LambdaJsonContext.Default.FunctionErrorBody);
            return error?.ErrorType is null && error?.ErrorMessage is null ? string.Empty : $": {error.ErrorType}: {error.ErrorMessage}";
        }
        catch (JsonException)
        {
            return string.Empty;
        }
    }
}
