using System.Globalization;
using Thaw.Lambda.APIGatewayEvents;
using Thaw.Lambda.Core;
using Thaw.Lambda.Serialization.SystemTextJson;

[assembly: LambdaSerializer(typeof(SourceGeneratorLambdaJsonSerializer<APIGatewayEventsJsonContext>))]

namespace MacAddressProbe;

/// <summary>
/// The seed's function: before the snapshot it writes the interface list to <c>/tmp/macaddr.txt</c> and prints it;
/// after restore it prints the file, then a fresh list; the handler prints both again, sleeps 2 s
/// (<c>SLEEP_MS</c> overrides) and answers 200 <c>{}</c>. One interface per line.
/// </summary>
public sealed class Probe
{
    public const string MacAddrFilePath = "/tmp/macaddr.txt";
    internal const int DefaultSleepMs = 2000;

    private readonly int _sleepMs = SleepMs();

    public Probe()
    {
        // Instance constructor, run by the runtime during Init because the handler is an instance method.
        SnapshotRestore.RegisterBeforeSnapshot(BeforeSnapshot);
        SnapshotRestore.RegisterAfterRestore(AfterRestore);
    }

    public async Task<APIGatewayProxyResponse> Handle(APIGatewayProxyRequest request, ILambdaContext context)
    {
        PlainOut.WriteLine("Handler");
        PlainOut.WriteLine("NIC info read from the file");
        try
        {
            PrintFile();
            PlainOut.WriteLine("NIC info listed again in the handler");
            PlainOut.WriteLines(NicInfo.List());
            await Task.Delay(_sleepMs);
            return new APIGatewayProxyResponse { StatusCode = 200, Body = "{}" };
        }
        catch (IOException e)
        {
            PlainOut.WriteLine(e.ToString());
            return new APIGatewayProxyResponse { StatusCode = 500, Body = "{}" };
        }
    }

    private static ValueTask BeforeSnapshot()
    {
        PlainOut.WriteLine("Before snapshot hook");
        File.WriteAllLines(MacAddrFilePath, NicInfo.List());
        PrintFile();
        return ValueTask.CompletedTask;
    }

    private static ValueTask AfterRestore()
    {
        PlainOut.WriteLine("After restore hook");
        PlainOut.WriteLine("NIC info read from the file");
        PrintFile();
        PlainOut.WriteLine("NIC info listed again after restore");
        PlainOut.WriteLines(NicInfo.List());
        return ValueTask.CompletedTask;
    }

    private static void PrintFile()
    {
        if (File.Exists(MacAddrFilePath))
        {
            PlainOut.WriteLines(File.ReadAllLines(MacAddrFilePath));
        }
        else
        {
            PlainOut.WriteLine($"{MacAddrFilePath} does not exist (this environment was not restored from a snapshot)");
        }
    }

    private static int SleepMs() =>
        int.TryParse(Environment.GetEnvironmentVariable("SLEEP_MS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms >= 0 ? ms : DefaultSleepMs;
}
