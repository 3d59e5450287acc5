using System.Globalization;
using Thaw.Bench.Host;

// Usage: dotnet run -c Release --project bench/Thaw.Bench.Host -- warm [clients] [requests-per-client]
//        dotnet run -c Release --project bench/Thaw.Bench.Host -- cold [iterations] [sample ...]
// Needs root (namespaces, CRIU) and the artifacts that ./thaw builds (THAW_ARTIFACTS or ./artifacts).
var repo = FindRepo();
var artifacts = Environment.GetEnvironmentVariable("THAW_ARTIFACTS") is { Length: > 0 } a ? a : Path.Combine(repo, "artifacts");
var mode = args.Length > 0 ? args[0] : "warm";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
switch (mode)
{
    case "warm":
        await WarmInvokeBenchmark.RunAsync(repo, artifacts, Arg(1, 30), Arg(2, 200));
        break;
    case "worker": // a process of the warm bench's process-hop floor
        await ProcessHopFloor.RunWorkerAsync();
        break;
    case "cold":
        await ColdStartBenchmark.RunAsync(repo, artifacts, Arg(1, 20), args.Length > 2 ? args[2..] : ["MacAddressProbe", "HeavyInit"]);
        break;
    default:
        Console.Error.WriteLine("usage: warm [clients] [requests] | cold [iterations] [samples...]");
        return 2;
}

return 0;

static string FindRepo()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Thaw.slnx")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
