using Thaw.Agent.RuntimeApi;

namespace Thaw.Agent.Tests.Units;

public sealed class RapidRulesTests
{
    [Theory]
    [InlineData("Function.MyError", "Function.MyError")]
    [InlineData("Runtime.BeforeSnapshotError", "Runtime.BeforeSnapshotError")]
    [InlineData("Runtime.Ab-c", "Runtime.Ab-c")]
    [InlineData("x Function.Oops y", "x Function.Oops y")]
    [InlineData("Function.oops", "Function.Unknown")]
    [InlineData("Function.", "Function.Unknown")]
    [InlineData("Runtime.X", "Runtime.Unknown")]
    [InlineData("InvalidOperationException", "Runtime.Unknown")]
    [InlineData("", "Runtime.Unknown")]
    [InlineData(null, "Runtime.Unknown")]
    public void ErrorType_Validation(string? header, string expected) => Assert.Equal(expected, ErrorTypes.Validate(header));

    [Fact]
    public void GoJson_EscapesLikeGo() =>
        Assert.Equal("\"a\\\"b\\\\c\\n\\u003c\\u003e\\u0026\\u2028\\u0001é\"", GoJson.Quote("a\"b\\c\n<>&\u2028\u0001é"));

    [Theory]
    [InlineData("{}", true)]
    [InlineData(" [1, 2] ", true)]
    [InlineData("\"s\"", true)]
    [InlineData("", false)]
    [InlineData("{} {}", false)]
    [InlineData("{", false)]
    [InlineData("nope", false)]
    public void JsonValidity_MatchesGosJsonValid(string body, bool valid) =>
        Assert.Equal(valid, ErrorCauseBody.IsValidJson(System.Text.Encoding.UTF8.GetBytes(body)));
}
