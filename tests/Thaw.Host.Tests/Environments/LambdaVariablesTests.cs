using Thaw.Host.Environments;
using Thaw.Host.State;

namespace Thaw.Host.Tests.Environments;

public sealed class LambdaVariablesTests
{
    private static FunctionDefinition Function(string runtime, Dictionary<string, string> variables) => new()
    {
        Name = "fn",
        Runtime = runtime,
        Role = "arn:aws:iam::000000000000:role/r",
        Handler = "Fn::Fn.Function::Handler",
        Variables = variables,
        CodeSha256 = "x",
        CodeKey = "x",
        LastModified = DateTimeOffset.UnixEpoch,
        RevisionId = "r",
    };

    [Fact]
    public void The_managed_runtime_gets_the_thread_pool_and_pgo_defaults_and_a_customers_own_setting_wins()
    {
        var v = LambdaVariables.Build(Function("dotnet10", []), "$LATEST", "us-east-1", "/aws/lambda/fn", "s", "on-demand");
        Assert.Equal("0", v["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]);
        Assert.Equal("0", v["DOTNET_TieredPGO"]);

        var own = LambdaVariables.Build(Function("dotnet10", new() { ["DOTNET_TieredPGO"] = "1" }), "$LATEST", "us-east-1", "/aws/lambda/fn", "s", "on-demand");
        Assert.Equal("1", own["DOTNET_TieredPGO"]);
        Assert.Equal("0", own["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"]);
    }

    [Fact]
    public void A_bootstrap_runtime_gets_no_dotnet_tuning_and_lambdas_reserved_variables_override_the_customers()
    {
        var v = LambdaVariables.Build(Function("provided.al2023", new() { ["MY_SETTING"] = "x" }), "3", "eu-west-1", "/aws/lambda/fn", "s", "on-demand");
        Assert.False(v.ContainsKey("DOTNET_TieredPGO"));
        Assert.False(v.ContainsKey("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"));
        Assert.Equal("x", v["MY_SETTING"]);
        Assert.Equal("eu-west-1", v["AWS_REGION"]);
        Assert.Equal("3", v["AWS_LAMBDA_FUNCTION_VERSION"]);
        Assert.Equal("/aws/lambda/fn", v["AWS_LAMBDA_LOG_GROUP_NAME"]);
    }

    [Fact]
    public void A_snapshot_gets_no_log_stream_variables()
    {
        var v = LambdaVariables.Build(Function("dotnet10", []), "1", "us-east-1", "/aws/lambda/fn", "s", "snap-start");
        Assert.Equal("snap-start", v["AWS_LAMBDA_INITIALIZATION_TYPE"]);
        Assert.False(v.ContainsKey("AWS_LAMBDA_LOG_GROUP_NAME"));
        Assert.False(v.ContainsKey("AWS_LAMBDA_LOG_STREAM_NAME"));
    }
}
