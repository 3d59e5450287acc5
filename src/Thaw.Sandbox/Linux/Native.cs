using System.Runtime.InteropServices;

namespace Thaw.Sandbox.Linux;

/// <summary>The few libc calls .NET has no API for: pidfds (signals and exit notification for processes that are not our children).</summary>
internal static partial class Native
{
    public const int SigKill = 9;
    public const int SigCont = 18;

    internal const short PollIn = 0x001;
    internal const int Eintr = 4;

    // Generic syscall numbers, identical on x86-64 and arm64 (added after the tables were unified).
    internal const long SysPidfdSendSignal = 424;
    internal const long SysPidfdOpen = 434;

    /// <summary>Opens a pidfd for <paramref name="pid"/>, or returns -1 when the process is gone.</summary>
    public static int PidfdOpen(int pid) => (int)Syscall(SysPidfdOpen, pid, 0, 0, 0);

    /// <summary>Signals through a pidfd, so a recycled pid can never be hit.</summary>
    public static bool PidfdSendSignal(int pidfd, int signal) => Syscall(SysPidfdSendSignal, pidfd, signal, 0, 0) == 0;

    /// <summary>Waits up to <paramref name="timeoutMs"/> for the pidfd to become readable (the process exited).</summary>
    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var pfd = new PollFd { Fd = fd, Events = PollIn };
        int rc;
        do
        {
            rc = Poll(ref pfd, 1, timeoutMs);
        }
        while (rc < 0 && Marshal.GetLastPInvokeError() == Eintr);

        return rc > 0;
    }

    public static bool IsRoot() => GetEuid() == 0;

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long a, long b, long c, long d);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
