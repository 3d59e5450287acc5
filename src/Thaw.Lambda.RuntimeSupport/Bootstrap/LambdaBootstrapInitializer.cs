namespace Thaw.Lambda.RuntimeSupport;

/// <summary>Runs the function's Init; returning false ends the runtime without entering the invoke loop.</summary>
public delegate Task<bool> LambdaBootstrapInitializer();
