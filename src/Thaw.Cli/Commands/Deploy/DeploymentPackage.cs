namespace Thaw.Cli.Commands.Deploy;

/// <summary>A zip ready to upload, with what could be learned about it from its source.</summary>
/// <param name="Zip">The package.</param>
/// <param name="Entries">Entry names in the zip.</param>
/// <param name="Source">What was packaged, for messages.</param>
/// <param name="Defaults">The source directory's aws-lambda-tools-defaults.json, if any.</param>
/// <param name="InferredRuntime">The runtime the content implies, if it tells.</param>
/// <param name="InferredHandler">The handler the content implies, if it tells.</param>
internal sealed record DeploymentPackage(
    byte[] Zip,
    IReadOnlyList<string> Entries,
    string Source,
    LambdaToolsDefaults? Defaults,
    string? InferredRuntime,
    string? InferredHandler);
