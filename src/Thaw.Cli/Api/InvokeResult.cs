using System.Text;

namespace Thaw.Cli.Api;

/// <summary>What Invoke returned: status, body and the <c>X-Amz-*</c> headers that matter.</summary>
internal sealed record InvokeResult(int StatusCode, byte[] Payload, string? FunctionError, string? LogResultBase64, string? ExecutedVersion)
{
    /// <summary>The decoded tail of the log (the header is base64), or null.</summary>
    public string? DecodeLog()
    {
        if (string.IsNullOrEmpty(LogResultBase64))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(LogResultBase64));
        }
        catch (FormatException)
        {
            return LogResultBase64;
        }
    }
}
