using System.Text;

namespace Thaw.Agent.Tests.Harness;

internal static class ProcessProbe
{
    /// <summary>Polls until no process (not even a zombie) has <paramref name="pid"/>.</summary>
    public static async Task WaitGoneAsync(int pid)
    {
        var deadline = DateTime.UtcNow + AgentProcess.Timeout;
        while (Directory.Exists($"/proc/{pid}"))
        {
            var state = TryReadState(pid);
            Assert.True(DateTime.UtcNow < deadline, $"Process {pid} still exists (state {state}).");
            await Task.Delay(20);
        }
    }

    private static string TryReadState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat", Encoding.ASCII);
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
        }
        catch (IOException)
        {
            return "gone";
        }
    }
}
