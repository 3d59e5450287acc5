using System.Runtime.InteropServices;

namespace Thaw.Agent.Native;

/// <summary>
/// The few libc calls the agent needs as pid 1: spawning the runtime with merged output and a process group,
/// reaping every child, and reading the runtime's output pipe without blocking.
/// </summary>
/// <remarks>
/// System.Diagnostics.Process cannot merge stdout and stderr into one pipe, and its SIGCHLD handling reaps every
/// child when the process is pid 1, which would steal the runtime's exit status from the agent's own reaper.
/// </remarks>
internal static unsafe partial class Libc
{
    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ECHILD = 10;
    public const int ESRCH = 3;
    public const int ENOENT = 2;

    public const int SIGKILL = 9;
    public const int SIGCHLD = 17;

    public const int O_RDONLY = 0;
    public const int O_NONBLOCK = 0x800;
    public const int O_CLOEXEC = 0x80000;

    public const int F_GETFL = 3;
    public const int F_SETFL = 4;

    public const short POLLIN = 0x001;

    public const int PR_SET_CHILD_SUBREAPER = 36;

    public const short POSIX_SPAWN_SETPGROUP = 0x02;
    public const short POSIX_SPAWN_SETSIGDEF = 0x04;
    public const short POSIX_SPAWN_SETSIGMASK = 0x08;

    /// <summary>Generous upper bound of glibc's posix_spawnattr_t (336 bytes) and posix_spawn_file_actions_t (80).</summary>
    public const int SpawnStructSize = 1024;

    /// <summary>Generous upper bound of sigset_t (128 bytes).</summary>
    public const int SigSetSize = 256;

    internal const string LibraryName = "libc";

    [LibraryImport(LibraryName, EntryPoint = "pipe2", SetLastError = true)]
    public static partial int Pipe2(int* fds, int flags);

    [LibraryImport(LibraryName, EntryPoint = "fcntl", SetLastError = true)]
    public static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(LibraryName, EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint count);

    [LibraryImport(LibraryName, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(LibraryName, EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(LibraryName, EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport(LibraryName, EntryPoint = "waitpid", SetLastError = true)]
    public static partial int WaitPid(int pid, int* status, int options);

    [LibraryImport(LibraryName, EntryPoint = "getpid")]
    public static partial int GetPid();

    [LibraryImport(LibraryName, EntryPoint = "signal", SetLastError = true)]
    public static partial nint Signal(int signal, nint handler);

    [LibraryImport(LibraryName, EntryPoint = "prctl", SetLastError = true)]
    public static partial int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnp")]
    public static partial int PosixSpawnP(int* pid, byte* file, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_init")]
    public static partial int FileActionsInit(void* fileActions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_destroy")]
    public static partial int FileActionsDestroy(void* fileActions);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addopen")]
    public static partial int FileActionsAddOpen(void* fileActions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_adddup2")]
    public static partial int FileActionsAddDup2(void* fileActions, int fd, int newFd);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawn_file_actions_addclosefrom_np")]
    public static partial int FileActionsAddCloseFrom(void* fileActions, int lowFd);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_init")]
    public static partial int SpawnAttrInit(void* attributes);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_destroy")]
    public static partial int SpawnAttrDestroy(void* attributes);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setflags")]
    public static partial int SpawnAttrSetFlags(void* attributes, short flags);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setpgroup")]
    public static partial int SpawnAttrSetPGroup(void* attributes, int processGroup);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setsigmask")]
    public static partial int SpawnAttrSetSigMask(void* attributes, void* signalSet);

    [LibraryImport(LibraryName, EntryPoint = "posix_spawnattr_setsigdefault")]
    public static partial int SpawnAttrSetSigDefault(void* attributes, void* signalSet);

    [LibraryImport(LibraryName, EntryPoint = "sigemptyset")]
    public static partial int SigEmptySet(void* signalSet);

    [LibraryImport(LibraryName, EntryPoint = "sigfillset")]
    public static partial int SigFillSet(void* signalSet);

    [LibraryImport(LibraryName, EntryPoint = "strerror")]
    private static partial byte* StrError(int errorNumber);

    /// <summary>The C library's text for an errno value.</summary>
    public static string Describe(int errorNumber) =>
        Marshal.PtrToStringUTF8((nint)StrError(errorNumber)) ?? $"errno {errorNumber}";
}
