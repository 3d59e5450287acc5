using System.Text.Json;
using Thaw.Lambda.Core;

namespace Thaw.Lambda.RuntimeSupport.Context;

internal sealed class ClientApplication : IClientApplication
{
    public string? AppPackageName { get; private init; }

    public string? AppTitle { get; private init; }

    public string? AppVersionCode { get; private init; }

    public string? AppVersionName { get; private init; }

    public string? InstallationId { get; private init; }

    // Wire names as the AWS Mobile SDKs send them (snake_case).
    public static ClientApplication FromJson(JsonElement client) => new()
    {
        AppPackageName = JsonHelpers.GetString(client, "app_package_name"),
        AppTitle = JsonHelpers.GetString(client, "app_title"),
        AppVersionCode = JsonHelpers.GetString(client, "app_version_code"),
        AppVersionName = JsonHelpers.GetString(client, "app_version_name"),
        InstallationId = JsonHelpers.GetString(client, "installation_id"),
    };
}
