namespace Thaw.Lambda.Core;

/// <summary>Information about the client application that invoked the function (AWS Mobile SDK).</summary>
public interface IClientContext
{
    /// <summary>Environment information provided by the client.</summary>
    IDictionary<string, string> Environment { get; }

    /// <summary>The client application.</summary>
    IClientApplication? Client { get; }

    /// <summary>Custom values set by the client application.</summary>
    IDictionary<string, string> Custom { get; }
}
