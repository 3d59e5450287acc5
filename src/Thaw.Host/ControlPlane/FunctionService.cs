using System.Globalization;
using Microsoft.Extensions.Logging;
using Thaw.Host.Api;
using Thaw.Host.Api.Model;
using Thaw.Host.Code;
using Thaw.Host.Environments;
using Thaw.Host.Invocation;
using Thaw.Host.SnapStart;
using Thaw.Host.State;

namespace Thaw.Host.ControlPlane;

/// <summary>
/// The Lambda control plane's rules: validation, state transitions, versions, aliases, concurrency, and resolving
/// what an Invoke runs. Mutations of one function are serialised; a version that is still being optimised
/// (snapshots in progress) makes further changes to its function conflict (409), as Lambda's in-progress updates do.
/// </summary>
internal sealed partial class FunctionService
{
    private const int MinUnreservedConcurrency = 100;

    private readonly StateStore _state;
    private readonly CodeStore _code;
    private readonly Arns _arns;
    private readonly SnapshotManager _snapshots;
    private readonly EnvironmentPool _pool;
    private readonly EnvironmentLauncher _launcher;
    private readonly Invoker _invoker;
    private readonly ServerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FunctionService> _logger;
    private readonly Lock _locksGate = new();
    private readonly Dictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);
    private CancellationToken _stopping;

    public FunctionService(StateStore state, CodeStore code, Arns arns, SnapshotManager snapshots, EnvironmentPool pool, EnvironmentLauncher launcher, Invoker invoker, ServerOptions options, TimeProvider time, ILogger<FunctionService> logger)
    {
        _state = state;
        _code = code;
        _arns = arns;
        _snapshots = snapshots;
        _pool = pool;
        _launcher = launcher;
        _invoker = invoker;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Background work (publish-time Inits) stops with the host.</summary>
    public void SetStoppingToken(CancellationToken stopping)
    {
        _stopping = stopping;
        _invoker.SetStoppingToken(stopping);
    }

    // ---- functions -------------------------------------------------------------------------------------

    public async Task<FunctionConfiguration> CreateAsync(CreateFunctionRequest r)
    {
        var name = r.FunctionName is { } n ? Arns.ParseFunctionName(n) : null;
        if (name is null || name.Value.Qualifier is not null)
        {
            throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{r.FunctionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{{2}}(-gov)?-[a-z]+-\\d{{1}}:)?(\\d{{12}}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
        }

        if (r.PackageType is { } pt && pt != "Zip")
        {
            throw LambdaApiException.InvalidParameter("Thaw runs Zip packages only; PackageType Image is not supported.");
        }

        RuntimeCatalog.Validate(r.Runtime);
        if (string.IsNullOrWhiteSpace(r.Role))
        {
            throw LambdaApiException.InvalidParameter("The role defined for the function cannot be assumed by Lambda.");
        }

        ValidateHandler(r.Handler);
        var zip = DecodeZip(r.Code?.ZipFile, r.Code?.S3Bucket ?? r.Code?.ImageUri);
        var f = new FunctionDefinition
        {
            Name = name.Value.Name,
            Runtime = r.Runtime!,
            Role = r.Role,
            Handler = r.Handler!,
            Description = r.Description ?? "",
            Timeout = r.Timeout ?? 3,
            MemorySize = r.MemorySize ?? 128,
            EphemeralStorage = r.EphemeralStorage?.Size ?? 512,
            Variables = r.Environment?.Variables ?? [],
            SnapStartApplyOn = r.SnapStart?.ApplyOn ?? "None",
            SnapshotCount = r.ThawSnapshotCount ?? 1,
            NetworkIdentity = r.ThawNetworkIdentity ?? "preserve",
            RestoreAhead = r.ThawRestoreAhead ?? 0,
            CodeSha256 = "",
            CodeKey = "",
            LastModified = _time.GetUtcNow(),
            RevisionId = Guid.NewGuid().ToString(),
            Architecture = r.Architectures is [var arch] ? arch : "x86_64",
        };
        Validate(f);
        var package = _code.Store(zip);
        f = f with { CodeSha256 = package.Sha256Base64, CodeKey = package.Key, CodeSize = package.Size };
        using (await LockAsync(f.Name))
        {
            if (!_state.TryCreateFunction(f))
            {
                throw new LambdaApiException(LambdaErrorCodes.ResourceConflict, $"Function already exist: {f.Name}");
            }
        }

        if (r.Publish == true)
        {
            return await PublishAsync(f.Name, new PublishVersionRequest());
        }

        return Describe(f);
    }

    public FunctionDefinition Get(string name) => _state.GetFunction(name) ?? throw LambdaApiException.FunctionNotFound(_arns.Function(name));

    public IReadOnlyList<FunctionDefinition> List() => _state.ListFunctions();

    public async Task<FunctionConfiguration> UpdateConfigurationAsync(string name, UpdateFunctionConfigurationRequest r)
    {
        using (await LockAsync(name))
        {
            var f = Get(name);
            CheckRevision(f.RevisionId, r.RevisionId);
            EnsureNoUpdateInProgress(f.Name);
            if (r.Runtime is not null)
            {
                RuntimeCatalog.Validate(r.Runtime);
            }

            if (r.Handler is not null)
            {
                ValidateHandler(r.Handler);
            }

            var updated = f with
            {
                Runtime = r.Runtime ?? f.Runtime,
                Role = r.Role ?? f.Role,
                Handler = r.Handler ?? f.Handler,
                Description = r.Description ?? f.Description,
                Timeout = r.Timeout ?? f.Timeout,
                MemorySize = r.MemorySize ?? f.MemorySize,
                EphemeralStorage = r.EphemeralStorage?.Size ?? f.EphemeralStorage,
                Variables = r.Environment is null ? f.Variables : r.Environment.Variables ?? [],
                SnapStartApplyOn = r.SnapStart?.ApplyOn ?? f.SnapStartApplyOn,
                SnapshotCount = r.ThawSnapshotCount ?? f.SnapshotCount,
                NetworkIdentity = r.ThawNetworkIdentity ?? f.NetworkIdentity,
                RestoreAhead = r.ThawRestoreAhead ?? f.RestoreAhead,
                LastModified = _time.GetUtcNow(),
                RevisionId = Guid.NewGuid().ToString(),
            };
            Validate(updated);
            _state.UpdateFunction(updated);
            await RetireEnvironmentsAsync(new FunctionKey(name, FunctionKey.Latest));
            return Describe(updated);
        }
    }

    public async Task<FunctionConfiguration> UpdateCodeAsync(string name, UpdateFunctionCodeRequest r)
    {
        FunctionDefinition updated;
        using (await LockAsync(name))
        {
            var f = Get(name);
            CheckRevision(f.RevisionId, r.RevisionId);
            EnsureNoUpdateInProgress(f.Name);
            var zip = DecodeZip(r.ZipFile, r.S3Bucket ?? r.ImageUri);
            if (r.DryRun == true)
            {
                return Describe(f);
            }

            var package = _code.Store(zip);
            updated = f with
            {
                CodeSha256 = package.Sha256Base64,
                CodeKey = package.Key,
                CodeSize = package.Size,
                LastModified = _time.GetUtcNow(),
                RevisionId = Guid.NewGuid().ToString(),
            };
            _state.UpdateFunction(updated);
            await RetireEnvironmentsAsync(new FunctionKey(name, FunctionKey.Latest));
        }

        return r.Publish == true ? await PublishAsync(name, new PublishVersionRequest()) : Describe(updated);
    }

    public async Task DeleteAsync(string name, string? qualifier)
    {
        using (await LockAsync(name))
        {
            var f = Get(name);
            if (qualifier is null)
            {
                _state.DeleteFunction(f.Name);
                foreach (var env in _pool.Snapshot().Where(e => e.Key.FunctionName == f.Name))
                {
                    await _launcher.EndAsync(env, "FunctionDeleted");
                }

                _snapshots.DeleteSnapshots(f.Name, null);
                return;
            }

            if (qualifier == FunctionKey.Latest)
            {
                throw LambdaApiException.InvalidParameter("$LATEST version cannot be deleted without deleting the function.");
            }

            if (_state.GetVersion(f.Name, qualifier) is null)
            {
                throw LambdaApiException.FunctionNotFound(_arns.Function(f.Name, qualifier));
            }

            var referencing = _state.ListAliases(f.Name).Where(a => a.FunctionVersion == qualifier).Select(a => a.Name).ToList();
            if (referencing.Count > 0)
            {
                throw new LambdaApiException(LambdaErrorCodes.ResourceConflict, $"Unable to delete version because the following aliases reference it: [{string.Join(", ", referencing)}]");
            }

            _state.DeleteVersion(f.Name, qualifier);
            await RetireEnvironmentsAsync(new FunctionKey(f.Name, qualifier));
            _snapshots.DeleteSnapshots(f.Name, qualifier);
        }
    }

    // ---- versions --------------------------------------------------------------------------------------

    public async Task<FunctionConfiguration> PublishAsync(string name, PublishVersionRequest r)
    {
        using (await LockAsync(name))
        {
            var f = Get(name);
            CheckRevision(f.RevisionId, r.RevisionId);
            if (r.CodeSha256 is { } sha && sha != f.CodeSha256)
            {
                throw LambdaApiException.InvalidParameter($"CodeSHA256 ({sha}) is different from current CodeSHA256 in $LATEST ({f.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.");
            }

            EnsureNoUpdateInProgress(f.Name);

            // Lambda does not publish a new version when neither code nor configuration changed since the last one.
            var versions = _state.ListVersions(f.Name);
            var last = versions.Count > 0 ? versions[^1] : null;
            if (last is not null && last.Config.RevisionId == f.RevisionId && last.State != "Failed")
            {
                return Describe(last);
            }

            var config = r.Description is null ? f : f with { Description = r.Description };
            if (config.SnapStartApplyOn != "PublishedVersions")
            {
                return Describe(_state.PublishVersion(config, "Active", "Off", null, null));
            }

            if (!_snapshots.Available)
            {
                var reason = $"SnapStart is unavailable on this host ({_snapshots.UnavailableReason}); this version runs in on-demand mode: every cold start runs Init. Run 'thaw doctor' for details.";
                LogSnapStartUnavailable(_logger, f.Name, _snapshots.UnavailableReason ?? "unknown");
                return Describe(_state.PublishVersion(config, "Active", "Off", reason, "SnapStartUnavailable"));
            }

            var version = _state.PublishVersion(config, "Pending", "Off", "Lambda is creating a snapshot of your function.", "Creating");
            _ = Task.Run(() => OptimizeAndRestoreAheadAsync(version), CancellationToken.None);
            return Describe(version);
        }
    }

    /// <summary>
    /// Versions left Pending by a previous host run are optimised again (their snapshots may be partial); Active ones
    /// that keep clones ready ahead of demand get them again.
    /// </summary>
    public void ResumePendingVersions()
    {
        foreach (var v in _state.ListVersionsInState("Pending"))
        {
            _ = Task.Run(() => OptimizeAndRestoreAheadAsync(v), CancellationToken.None);
        }

        foreach (var v in _state.ListVersionsInState("Active").Where(v => v.Config.RestoreAhead > 0 && v.OptimizationStatus == "On"))
        {
            _invoker.TopUp(Resolve(v.FunctionName, v.Version));
        }
    }

    private async Task OptimizeAndRestoreAheadAsync(VersionRecord version)
    {
        await _snapshots.OptimizeAsync(version, _stopping);
        if (version.Config.RestoreAhead > 0 && _state.GetVersion(version.FunctionName, version.Version) is { State: "Active", OptimizationStatus: "On" })
        {
            _invoker.TopUp(Resolve(version.FunctionName, version.Version));
        }
    }

    public VersionRecord GetVersion(string name, string version) =>
        _state.GetVersion(name, version) ?? throw LambdaApiException.FunctionNotFound(_arns.Function(name, version));

    public IReadOnlyList<FunctionConfiguration> ListVersions(string name)
    {
        var f = Get(name);
        return [Describe(f), .. _state.ListVersions(name).Select(Describe)];
    }

    // ---- aliases ---------------------------------------------------------------------------------------

    public async Task<AliasConfiguration> CreateAliasAsync(string name, AliasRequest r)
    {
        using (await LockAsync(name))
        {
            Get(name);
            if (r.Name is null || !Arns.IsValidQualifier(r.Name) || r.Name == FunctionKey.Latest || r.Name.All(char.IsAsciiDigit))
            {
                throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{r.Name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
            }

            ValidateAliasTarget(name, r.FunctionVersion, r.RoutingConfig);
            var alias = new AliasRecord
            {
                FunctionName = name,
                Name = r.Name,
                FunctionVersion = r.FunctionVersion!,
                Description = r.Description ?? "",
                AdditionalVersionWeights = r.RoutingConfig?.AdditionalVersionWeights,
                RevisionId = Guid.NewGuid().ToString(),
            };
            if (!_state.TryCreateAlias(alias))
            {
                throw new LambdaApiException(LambdaErrorCodes.ResourceConflict, $"Alias already exists: {_arns.Function(name, r.Name)}");
            }

            return Describe(alias);
        }
    }

    public AliasRecord GetAlias(string name, string alias)
    {
        Get(name);
        return _state.GetAlias(name, alias) ?? throw new LambdaApiException(LambdaErrorCodes.ResourceNotFound, $"Alias not found: {_arns.Function(name, alias)}");
    }

    public async Task<AliasConfiguration> UpdateAliasAsync(string name, string aliasName, AliasRequest r)
    {
        using (await LockAsync(name))
        {
            var alias = GetAlias(name, aliasName);
            CheckRevision(alias.RevisionId, r.RevisionId);
            if (r.FunctionVersion is not null || r.RoutingConfig is not null)
            {
                ValidateAliasTarget(name, r.FunctionVersion ?? alias.FunctionVersion, r.RoutingConfig);
            }

            var updated = alias with
            {
                FunctionVersion = r.FunctionVersion ?? alias.FunctionVersion,
                Description = r.Description ?? alias.Description,
                AdditionalVersionWeights = r.RoutingConfig is null ? alias.AdditionalVersionWeights : r.RoutingConfig.AdditionalVersionWeights,
                RevisionId = Guid.NewGuid().ToString(),
            };
            _state.UpdateAlias(updated);
            return Describe(updated);
        }
    }

    public IReadOnlyList<AliasConfiguration> ListAliases(string name)
    {
        Get(name);
        return _state.ListAliases(name).Select(Describe).ToList();
    }

    public async Task DeleteAliasAsync(string name, string alias)
    {
        using (await LockAsync(name))
        {
            Get(name);
            _state.DeleteAlias(name, alias);
        }
    }

    // ---- concurrency -----------------------------------------------------------------------------------

    public async Task<int> PutConcurrencyAsync(string name, int? value)
    {
        using (await LockAsync(name))
        {
            Get(name);
            if (value is not { } v || v < 0)
            {
                throw LambdaApiException.InvalidParameter("1 validation error detected: Value at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0");
            }

            if (_state.SumReservedConcurrency(name) + v > _options.AccountConcurrency - MinUnreservedConcurrency)
            {
                throw LambdaApiException.InvalidParameter($"Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{MinUnreservedConcurrency}].");
            }

            _state.SetReservedConcurrency(name, v);
            return v;
        }
    }

    public int? GetConcurrency(string name)
    {
        Get(name);
        return _state.GetReservedConcurrency(name);
    }

    public async Task DeleteConcurrencyAsync(string name)
    {
        using (await LockAsync(name))
        {
            Get(name);
            _state.SetReservedConcurrency(name, null);
        }
    }

    // ---- invoke resolution -----------------------------------------------------------------------------

    /// <summary>Resolves what an Invoke of <paramref name="name"/> with <paramref name="qualifier"/> runs.</summary>
    public InvokeTarget Resolve(string name, string? qualifier)
    {
        var f = Get(name);
        if (qualifier is null or FunctionKey.Latest)
        {
            return new InvokeTarget(f, new FunctionKey(f.Name, FunctionKey.Latest), qualifier is null ? _arns.Function(f.Name) : _arns.Function(f.Name, qualifier), UseSnapshots: false);
        }

        var invokedArn = _arns.Function(f.Name, qualifier);
        var versionName = qualifier;
        if (!qualifier.All(char.IsAsciiDigit))
        {
            var alias = _state.GetAlias(f.Name, qualifier) ?? throw LambdaApiException.FunctionNotFound(invokedArn);
            versionName = PickWeighted(alias);
        }

        var version = _state.GetVersion(f.Name, versionName) ?? throw LambdaApiException.FunctionNotFound(invokedArn);
        switch (version.State)
        {
            case "Pending":
                throw new LambdaApiException(LambdaErrorCodes.SnapStartNotReady, "Lambda is initializing your function. It will be ready to invoke once your function state becomes ACTIVE.");
            case "Failed":
                throw new LambdaApiException(LambdaErrorCodes.ResourceConflict, $"The operation cannot be performed at this time. The function is currently in the following state: Failed ({version.StateReason})");
            default:
                break;
        }

        return new InvokeTarget(version.Config, new FunctionKey(f.Name, version.Version), invokedArn, UseSnapshots: version.OptimizationStatus == "On");
    }

    // ---- shapes ----------------------------------------------------------------------------------------

    public FunctionConfiguration Describe(FunctionDefinition f) => Describe(f, FunctionKey.Latest, _arns.Function(f.Name), "Active", null, null, "Off");

    public FunctionConfiguration Describe(VersionRecord v) =>
        Describe(v.Config, v.Version, _arns.Function(v.FunctionName, v.Version), v.State, v.StateReason, v.StateReasonCode, v.OptimizationStatus);

    public AliasConfiguration Describe(AliasRecord a) => new(
        _arns.Function(a.FunctionName, a.Name),
        a.Name,
        a.FunctionVersion,
        a.Description,
        a.AdditionalVersionWeights is null ? null : new AliasRoutingConfiguration { AdditionalVersionWeights = a.AdditionalVersionWeights },
        a.RevisionId);

    private FunctionConfiguration Describe(FunctionDefinition f, string version, string arn, string state, string? reason, string? reasonCode, string optimization) => new()
    {
        FunctionName = f.Name,
        FunctionArn = arn,
        Runtime = f.Runtime,
        Role = f.Role,
        Handler = f.Handler,
        CodeSize = f.CodeSize,
        Description = f.Description,
        Timeout = f.Timeout,
        MemorySize = f.MemorySize,
        LastModified = f.LastModified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture),
        CodeSha256 = f.CodeSha256,
        Version = version,
        Environment = f.Variables.Count == 0 ? null : new EnvironmentResponse(f.Variables),
        RevisionId = f.RevisionId,
        State = state,
        StateReason = reason,
        StateReasonCode = reasonCode,
        LastUpdateStatus = "Successful",
        Architectures = [f.Architecture],
        EphemeralStorage = new EphemeralStorageConfig(f.EphemeralStorage),
        SnapStart = new SnapStartResponse(f.SnapStartApplyOn, optimization),
        RuntimeVersionConfig = new RuntimeVersionConfig(Platform.PlatformLines.RuntimeVersionArn(_options.Region, f.Runtime)),
        LoggingConfig = new LoggingConfig("Text", Platform.LogStreamNames.Group(f.Name)),
        ThawSnapshotCount = f.SnapshotCount,
        ThawNetworkIdentity = f.NetworkIdentity,
        ThawRestoreAhead = f.RestoreAhead,
    };

    // ---- helpers ---------------------------------------------------------------------------------------

    private static void Validate(FunctionDefinition f)
    {
        if (f.MemorySize is < 128 or > 10240)
        {
            throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{f.MemorySize}' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240 and greater than or equal to 128");
        }

        if (f.Timeout is < 1 or > 900)
        {
            throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{f.Timeout}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900 and greater than or equal to 1");
        }

        if (f.EphemeralStorage is < 512 or > 10240)
        {
            throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{f.EphemeralStorage}' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value less than or equal to 10240 and greater than or equal to 512");
        }

        if (f.SnapStartApplyOn is not ("None" or "PublishedVersions"))
        {
            throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{f.SnapStartApplyOn}' at 'snapStart.applyOn' failed to satisfy constraint: Member must satisfy enum value set: [PublishedVersions, None]");
        }

        if (f.SnapshotCount is < 1 or > 32)
        {
            throw LambdaApiException.InvalidParameter($"ThawSnapshotCount must be between 1 and 32 (was {f.SnapshotCount}).");
        }

        if (f.RestoreAhead is < 0 or > 32)
        {
            throw LambdaApiException.InvalidParameter($"ThawRestoreAhead must be between 0 and 32 (was {f.RestoreAhead}).");
        }

        if (f.NetworkIdentity is not ("preserve" or "regenerate"))
        {
            throw LambdaApiException.InvalidParameter($"ThawNetworkIdentity must be 'preserve' or 'regenerate' (was '{f.NetworkIdentity}').");
        }

        LambdaVariables.ValidateCustomer(f.Variables);
    }

    private static void ValidateHandler(string? handler)
    {
        if (string.IsNullOrEmpty(handler) || handler.Length > 128 || handler.Any(char.IsWhiteSpace))
        {
            throw LambdaApiException.InvalidParameter($"1 validation error detected: Value '{handler}' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+");
        }
    }

    private static byte[] DecodeZip(string? zipFile, string? unsupported)
    {
        if (zipFile is null)
        {
            throw LambdaApiException.InvalidParameter(unsupported is null
                ? "Please provide a source for function code."
                : "Thaw accepts function code as Code.ZipFile only (S3 locations and images are not supported).");
        }

        try
        {
            return Convert.FromBase64String(zipFile);
        }
        catch (FormatException)
        {
            throw new LambdaApiException(LambdaErrorCodes.InvalidParameterValue, "Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
    }

    private static void CheckRevision(string current, string? expected)
    {
        if (expected is not null && expected != current)
        {
            throw new LambdaApiException(LambdaErrorCodes.PreconditionFailed, "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
        }
    }

    private void EnsureNoUpdateInProgress(string name)
    {
        if (_state.ListVersionsInState("Pending").Any(v => v.FunctionName == name))
        {
            throw new LambdaApiException(LambdaErrorCodes.ResourceConflict, $"The operation cannot be performed at this time. An update is in progress for resource: {_arns.Function(name)}");
        }
    }

    private void ValidateAliasTarget(string name, string? version, AliasRoutingConfiguration? routing)
    {
        if (version is null || (version != FunctionKey.Latest && _state.GetVersion(name, version) is null))
        {
            throw LambdaApiException.FunctionNotFound(_arns.Function(name, version ?? "null"));
        }

        foreach (var (v, weight) in routing?.AdditionalVersionWeights ?? [])
        {
            if (_state.GetVersion(name, v) is null || weight is < 0 or > 1)
            {
                throw LambdaApiException.InvalidParameter($"Invalid routing configuration: version {v} with weight {weight}.");
            }
        }
    }

    private static string PickWeighted(AliasRecord alias)
    {
        var roll = Random.Shared.NextDouble();
        foreach (var (v, weight) in alias.AdditionalVersionWeights ?? [])
        {
            if (roll < weight)
            {
                return v;
            }

            roll -= weight;
        }

        return alias.FunctionVersion;
    }

    private async Task RetireEnvironmentsAsync(FunctionKey key)
    {
        // Warm environments run the old code or configuration; idle ones go now, busy ones finish their request first.
        foreach (var env in _pool.TakeIdle(e => e.Key == key))
        {
            await _launcher.EndAsync(env, "Updated");
        }
    }

    private async Task<IDisposable> LockAsync(string name)
    {
        SemaphoreSlim gate;
        lock (_locksGate)
        {
            if (!_locks.TryGetValue(name, out gate!))
            {
                _locks[name] = gate = new SemaphoreSlim(1, 1);
            }
        }

        await gate.WaitAsync();
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SNAPSTART UNAVAILABLE: version of {Function} published in on-demand mode: {Reason}")]
    private static partial void LogSnapStartUnavailable(ILogger logger, string function, string reason);
}
