using Thaw.Host.Environments;
using Thaw.Host.State;

namespace Thaw.Host.Invocation;

/// <summary>What an Invoke resolved to: the configuration to run, the version key, and how the caller named it.</summary>
internal sealed record InvokeTarget(FunctionDefinition Config, FunctionKey Key, string InvokedFunctionArn, bool UseSnapshots);
