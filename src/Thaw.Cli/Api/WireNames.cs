namespace Thaw.Cli.Api;

/// <summary>Names on the wire, spelled once as AWS and the Thaw host spell them (see API.md).</summary>
internal static class WireNames
{
    public const string LambdaFunctionsPath = "/2015-03-31/functions";
    public const string QueryQualifier = "Qualifier";
    public const string QueryMarker = "Marker";

    public const string HeaderErrorType = "x-amzn-ErrorType";
    public const string HeaderInvocationType = "X-Amz-Invocation-Type";
    public const string HeaderLogType = "X-Amz-Log-Type";
    public const string HeaderLogResult = "X-Amz-Log-Result";
    public const string HeaderFunctionError = "X-Amz-Function-Error";
    public const string HeaderExecutedVersion = "X-Amz-Executed-Version";
    public const string HeaderTarget = "X-Amz-Target";

    public const string InvocationTypeRequestResponse = "RequestResponse";
    public const string LogTypeTail = "Tail";

    public const string ContentTypeJson = "application/json";
    public const string ContentTypeAmzJson11 = "application/x-amz-json-1.1";

    public const string LogsTargetPrefix = "Logs_20140328.";
    public const string LogsStartQuery = "StartQuery";
    public const string LogsGetQueryResults = "GetQueryResults";

    public const string ThawEnvironmentsPath = "/thaw/v1/environments";
    public const string ThawFunctionsPath = "/thaw/v1/functions/";
    public const string ThawSnapshotsSuffix = "/snapshots";

    /// <summary>The host's API-Gateway-style front door: <c>/apigw/{function}:{qualifier}/{path}</c>, REST (v1) proxy events.</summary>
    public const string ApiGatewayPathPrefix = "/apigw/";

    public const string StateActive = "Active";
    public const string StatePending = "Pending";
    public const string StateFailed = "Failed";
    public const string StateInactive = "Inactive";
    public const string UpdateSuccessful = "Successful";
    public const string UpdateFailed = "Failed";
    public const string UpdateInProgress = "InProgress";

    public const string SnapStartPublishedVersions = "PublishedVersions";
    public const string SnapStartNone = "None";

    public const string ErrorResourceNotFound = "ResourceNotFoundException";

    public const string QueryStatusComplete = "Complete";
    public const string QueryStatusScheduled = "Scheduled";
    public const string QueryStatusRunning = "Running";

    public const string NetworkIdentityPreserve = "preserve";
    public const string NetworkIdentityRegenerate = "regenerate";

    /// <summary>Lambda wants a role; the host does not check it.</summary>
    public const string DummyRoleArn = "arn:aws:iam::000000000000:role/thaw";

    public const string RuntimeDotnet10 = "dotnet10";
    public const string RuntimeProvidedAl2023 = "provided.al2023";
}
