using System.Globalization;

namespace Thaw.Bench.Host;

/// <summary>
/// CPU time (user + system) of the bench process (host and load generator), the environments' agents and their
/// runtimes, from <c>/proc/*/stat</c>. CPU per request is steadier than latency on a shared 2-core machine.
/// </summary>
internal sealed class ProcessCpu
{
    private const string AgentComm = "thaw-agent";

    // USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on every Linux build in practice).
    private const double TicksPerSecond = 100;

    private readonly Dictionary<int, (string Group, long Ticks)> _byPid;
    private readonly long _machineBusy;

    private ProcessCpu(Dictionary<int, (string, long)> byPid, long machineBusy)
    {
        _byPid = byPid;
        _machineBusy = machineBusy;
    }

    public static ProcessCpu Sample()
    {
        var self = Environment.ProcessId;
        var stats = new Dictionary<int, (string Comm, int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = text.IndexOf('(', StringComparison.Ordinal);
                var close = text.LastIndexOf(')');
                var fields = text[(close + 2)..].Split(' ');
                stats[pid] = (text[(open + 1)..close], Parse(fields[1]), Parse(fields[11]) + Parse(fields[12]));
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        var agents = stats.Where(s => s.Value.Comm == AgentComm).Select(s => s.Key).ToHashSet();
        var byPid = new Dictionary<int, (string, long)>();
        foreach (var (pid, s) in stats)
        {
            var group = pid == self ? "host+client" : agents.Contains(pid) ? "agents" : agents.Contains(s.Parent) ? "runtimes" : null;
            if (group is not null)
            {
                byPid[pid] = (group, s.Ticks);
            }
        }

        return new ProcessCpu(byPid, MachineBusyTicks());
    }

    /// <summary>CPU milliseconds per request of each group between <paramref name="before"/> and now (processes alive at both samples), and of the whole machine.</summary>
    public string PerRequestSince(ProcessCpu before, int requests)
    {
        var groups = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (pid, (group, ticks)) in _byPid)
        {
            if (before._byPid.TryGetValue(pid, out var b))
            {
                groups[group] = groups.GetValueOrDefault(group) + ticks - b.Ticks;
            }
        }

        string Ms(long ticks) => Stats.F(ticks / TicksPerSecond * 1000 / requests);
        return string.Join(", ", groups.Select(g => $"{g.Key} {Ms(g.Value)}")) + $", whole machine {Ms(_machineBusy - before._machineBusy)} ms CPU per request";
    }

    private static long MachineBusyTicks()
    {
        // cpu  user nice system idle iowait irq softirq steal ...: everything but idle and iowait is busy.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(Parse).ToArray();
        return fields.Sum() - fields[3] - fields[4];
    }

    private static int Parse(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);
}
