namespace Thaw.Lambda.RuntimeSupport;

/// <summary>Handles one invocation.</summary>
public delegate Task<InvocationResponse> LambdaBootstrapHandler(InvocationRequest invocation);
