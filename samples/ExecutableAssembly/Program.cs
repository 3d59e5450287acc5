using ExecutableAssembly;
using Thaw.Lambda.Core;
using Thaw.Lambda.RuntimeSupport;
using Thaw.Lambda.Serialization.SystemTextJson;

// The shape of a .NET "executable assembly" Lambda function (handler: just the assembly name): the program builds and
// runs the Runtime API loop itself. Porting from AWS means changing the Amazon.Lambda.* namespaces to Thaw.Lambda.*.
var initializedAt = DateTimeOffset.UtcNow;
SnapshotRestore.RegisterBeforeSnapshot(() =>
{
    Console.WriteLine("before snapshot");
    return ValueTask.CompletedTask;
});

var handler = (ShoutRequest request, ILambdaContext context) =>
{
    context.Logger.LogInformation($"Shouting for {context.FunctionName}");
    return new ShoutResponse((request.Text ?? "").ToUpperInvariant(), context.AwsRequestId, initializedAt);
};

await LambdaBootstrapBuilder.Create(handler, new SourceGeneratorLambdaJsonSerializer<ShoutJsonContext>()).Build().RunAsync();
