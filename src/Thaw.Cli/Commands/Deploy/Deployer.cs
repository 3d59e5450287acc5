using Spectre.Console;
using Thaw.Cli.Api;
using Thaw.Cli.Api.Model;
using Thaw.Cli.Rendering;

namespace Thaw.Cli.Commands.Deploy;

/// <summary>
/// Packages, then CreateFunction, or UpdateFunctionCode + UpdateFunctionConfiguration when the function exists, and
/// waits until it is Active with its last update Successful (Lambda refuses a second update while one is in progress).
/// </summary>
internal sealed class Deployer(CliContext context, LambdaClient lambda)
{
    public async Task<FunctionConfiguration> DeployAsync(DeployOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var waiter = new FunctionWaiter(lambda, context.Time, context.PollInterval);
        return await context.Error.Status().StartAsync($"Packaging {Markup.Escape(options.Path)}…", async status =>
        {
            var package = await new DeploymentPackager(context).PackageAsync(options.Path, s => status.Status(Markup.Escape(s)), cancellationToken);
            context.Error.MarkupLine($"[green]✓[/] Packaged {Markup.Escape(package.Source)}: {package.Entries.Count} files, {Format.Bytes(package.Zip.Length)} zipped");
            var settings = DeploySettings.Resolve(options, package);
            var code = Convert.ToBase64String(package.Zip);

            status.Status($"Looking up {Markup.Escape(options.Name)}…");
            var existing = await lambda.FindFunctionConfigurationAsync(options.Name, null, cancellationToken);
            FunctionConfiguration result;
            if (existing is null)
            {
                status.Status($"Creating {Markup.Escape(options.Name)}…");
                result = await lambda.CreateFunctionAsync(CreateRequest(options, settings, code), cancellationToken);
                context.Error.MarkupLine($"[green]✓[/] Created {Markup.Escape(options.Name)} ({Markup.Escape(settings.Runtime)}, handler {Markup.Escape(settings.Handler)})");
            }
            else
            {
                status.Status($"Waiting for {Markup.Escape(options.Name)} to be ready for an update…");
                await waiter.WaitAsync(options.Name, null, FunctionWaiter.IsReady, null, FunctionWaiter.DefaultTimeout, cancellationToken);
                status.Status($"Updating the code of {Markup.Escape(options.Name)}…");
                await lambda.UpdateFunctionCodeAsync(options.Name, new UpdateFunctionCodeRequest { ZipFile = code }, cancellationToken);
                await waiter.WaitAsync(options.Name, null, FunctionWaiter.IsReady, c => status.Status(Describe(options.Name, c)), FunctionWaiter.DefaultTimeout, cancellationToken);
                status.Status($"Updating the configuration of {Markup.Escape(options.Name)}…");
                result = await lambda.UpdateFunctionConfigurationAsync(options.Name, UpdateRequest(options, settings), cancellationToken);
                context.Error.MarkupLine($"[green]✓[/] Updated {Markup.Escape(options.Name)} ({Markup.Escape(settings.Runtime)}, handler {Markup.Escape(settings.Handler)})");
            }

            if (!FunctionWaiter.IsReady(result))
            {
                result = await waiter.WaitAsync(options.Name, null, FunctionWaiter.IsReady, c => status.Status(Describe(options.Name, c)), FunctionWaiter.DefaultTimeout, cancellationToken);
            }

            context.Error.MarkupLine($"[green]✓[/] {Markup.Escape(options.Name)} is {Markup.Escape(result.State ?? "?")}");
            return result;
        });
    }

    public static CreateFunctionRequest CreateRequest(DeployOptions options, DeploySettings settings, string code)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        return new CreateFunctionRequest
        {
            FunctionName = options.Name,
            Role = WireNames.DummyRoleArn,
            Code = new FunctionCode { ZipFile = code },
            Runtime = settings.Runtime,
            Handler = settings.Handler,
            Description = options.Description,
            MemorySize = settings.MemorySize,
            Timeout = settings.Timeout,
            Environment = settings.Environment.Count == 0 ? null : new EnvironmentRequest { Variables = new(settings.Environment) },
            SnapStart = options.SnapStart ? new SnapStartRequest { ApplyOn = WireNames.SnapStartPublishedVersions } : null,
            ThawSnapshotCount = options.SnapshotCount,
            ThawNetworkIdentity = options.NetworkIdentity,
            ThawRestoreAhead = options.RestoreAhead,
        };
    }

    /// <summary>
    /// A redeploy states the whole SnapStart setting (off unless --snap-start), like a fresh create would; settings not
    /// given anywhere (memory, timeout, variables, Thaw's extensions) are left as the function has them.
    /// </summary>
    public static UpdateFunctionConfigurationRequest UpdateRequest(DeployOptions options, DeploySettings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        return new UpdateFunctionConfigurationRequest
        {
            Runtime = settings.Runtime,
            Handler = settings.Handler,
            Description = options.Description,
            MemorySize = settings.MemorySize,
            Timeout = settings.Timeout,
            Environment = settings.Environment.Count == 0 ? null : new EnvironmentRequest { Variables = new(settings.Environment) },
            SnapStart = new SnapStartRequest { ApplyOn = options.SnapStart ? WireNames.SnapStartPublishedVersions : WireNames.SnapStartNone },
            ThawSnapshotCount = options.SnapshotCount,
            ThawNetworkIdentity = options.NetworkIdentity,
            ThawRestoreAhead = options.RestoreAhead,
        };
    }

    private static string Describe(string name, FunctionConfiguration c) =>
        $"{Markup.Escape(name)}: State {Markup.Escape(c.State ?? "?")}, LastUpdateStatus {Markup.Escape(c.LastUpdateStatus ?? "?")}…";
}
