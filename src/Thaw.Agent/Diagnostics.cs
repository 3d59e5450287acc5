using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Thaw.Agent;

/// <summary>
/// The agent's own diagnostics: plain text lines on its stderr, which the host logs at Debug.
/// Never throws: a host that stopped reading stderr must not take the agent down.
/// </summary>
internal static class Diagnostics
{
    private static readonly Lock Gate = new();
    private static readonly FileStream Stderr = new(new SafeFileHandle(2, ownsHandle: false), FileAccess.Write, bufferSize: 0);

    public static void Write(string message)
    {
        var bytes = Encoding.UTF8.GetBytes("thaw-agent: " + message + "\n");
        lock (Gate)
        {
            try
            {
                Stderr.Write(bytes);
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
