namespace Thaw.Sandbox.Tests.Support;

/// <summary>Polls a condition the kernel makes true asynchronously (reaping, cgroup removal), with a deadline.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, CancellationToken cancellationToken, int timeoutMs = 5000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
