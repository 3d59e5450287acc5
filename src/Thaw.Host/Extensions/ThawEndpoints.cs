using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Thaw.Host.Api;
using Thaw.Host.Code;
using Thaw.Host.ControlPlane;
using Thaw.Host.Environments;
using Thaw.Host.Extensions.Model;
using Thaw.Host.State;
using Thaw.Sandbox;

namespace Thaw.Host.Extensions;

/// <summary>
/// Thaw's own read-only API (<c>/thaw/v1</c>): what Lambda hides — every live environment with its identity and the
/// snapshot it came from, and every snapshot with the Init that made it.
/// </summary>
internal static class ThawEndpoints
{
    public static IEndpointRouteBuilder MapThawApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/thaw/v1");
        g.MapGet("/health", () => Results.Text("ok"));
        g.MapGet("/info", (ServerOptions o, ISandbox sandbox) =>
            Results.Json(
                new HostInfo(typeof(ThawEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0", o.StateDirectory, o.Region, o.AccountId, sandbox.Capabilities),
                ThawJsonContext.Default.HostInfo));
        g.MapGet("/environments", (HttpContext c, EnvironmentPool pool) =>
        {
            var function = c.Request.Query["FunctionName"].ToString();
            var list = pool.Snapshot()
                .Where(e => function.Length == 0 || e.Key.FunctionName == function)
                .OrderBy(e => e.Record.StartedAt)
                .Select(e => new EnvironmentInfo(
                    e.Id, e.Key.FunctionName, e.Key.Version, e.State.ToString(), e.Sandbox.HostPid, e.Sandbox.Interfaces,
                    e.Record.SnapshotId, e.Record.InitType, e.Record.StartedAt, e.LastUsedAt, e.Record.LogStreamName, e.Invocations, e.PendingRestore is not null))
                .ToList();
            return Results.Json(new EnvironmentList(list), ThawJsonContext.Default.EnvironmentList);
        });
        g.MapDelete("/environments/{id}", async (string id, EnvironmentPool pool, EnvironmentLauncher launcher) =>
        {
            // Operator action: reclaim an idle environment now (the next request is a cold start). Busy ones are left alone.
            var taken = pool.TakeIdle(e => e.Id == id);
            foreach (var env in taken)
            {
                await launcher.EndAsync(env, "Reclaimed");
            }

            return taken.Count > 0 ? Results.NoContent() : Results.NotFound();
        });
        g.MapGet("/functions/{name}/snapshots", (HttpContext c, string name, FunctionService functions, StateStore state) =>
        {
            var parsed = Arns.ParseFunctionName(name) ?? throw LambdaApiException.InvalidParameter($"Invalid function name '{name}'.");
            functions.Get(parsed.Name);
            var qualifier = c.Request.Query["Qualifier"].ToString() is { Length: > 0 } q ? q : parsed.Qualifier;
            if (qualifier is not null && !qualifier.All(char.IsAsciiDigit))
            {
                qualifier = functions.GetAlias(parsed.Name, qualifier).FunctionVersion;
            }

            var all = c.Request.Query["All"].ToString() == "true";
            var list = state.ListSnapshots(parsed.Name, qualifier, all)
                .Select(s => new SnapshotInfo(s.SnapshotId, s.FunctionName, s.Version, s.Status, s.InitEnvironmentId, s.InitLogStreamName, s.Interfaces, s.InitDurationMs, s.SizeBytes, s.CreatedAt, s.LastRestoredAt, s.Restores))
                .ToList();
            return Results.Json(new SnapshotList(list), ThawJsonContext.Default.SnapshotList);
        });
        g.MapGet("/code/{file}", (string file, CodeStore code) =>
        {
            var key = file.EndsWith(".zip", StringComparison.Ordinal) ? file[..^4] : file;
            var path = code.ZipOf(key);
            return key.All(char.IsAsciiHexDigit) && File.Exists(path) ? Results.File(path, "application/zip") : Results.NotFound();
        });
        return app;
    }
}
