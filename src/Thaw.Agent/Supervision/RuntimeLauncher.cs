using System.Runtime.InteropServices;
using System.Text;
using Thaw.Agent.Native;

namespace Thaw.Agent.Supervision;

/// <summary>
/// Starts the runtime with posix_spawnp: stdin from /dev/null, stdout and stderr both into one new pipe (so the
/// order of their lines survives), its own process group (so that Shutdown can kill everything it started),
/// default signal dispositions and an empty signal mask (.NET ignores SIGPIPE, which exec would otherwise keep).
/// </summary>
internal static unsafe class RuntimeLauncher
{
    /// <summary>Spawns the runtime. Returns its pid and the non-blocking read end of its output pipe.</summary>
    /// <exception cref="RuntimeSpawnException">The command could not be started.</exception>
    public static (int Pid, int OutputFd) Spawn(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentOutOfRangeException.ThrowIfZero(argv.Count);
        var fds = stackalloc int[2];
        if (Libc.Pipe2(fds, Libc.O_CLOEXEC) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new RuntimeSpawnException(errno, $"pipe2 failed: {Libc.Describe(errno)}");
        }

        var (readFd, writeFd) = (fds[0], fds[1]);
        var strings = new NativeStrings();
        var fileActions = NativeMemory.AllocZeroed(Libc.SpawnStructSize);
        var attributes = NativeMemory.AllocZeroed(Libc.SpawnStructSize);
        var signalMask = NativeMemory.AllocZeroed(Libc.SigSetSize);
        var signalDefaults = NativeMemory.AllocZeroed(Libc.SigSetSize);
        try
        {
            Check(Libc.FileActionsInit(fileActions), "posix_spawn_file_actions_init");
            Check(Libc.SpawnAttrInit(attributes), "posix_spawnattr_init");
            Check(Libc.FileActionsAddOpen(fileActions, 0, strings.Add("/dev/null"), Libc.O_RDONLY, 0), "addopen");
            Check(Libc.FileActionsAddDup2(fileActions, writeFd, 1), "adddup2");
            Check(Libc.FileActionsAddDup2(fileActions, writeFd, 2), "adddup2");
            TryCloseFrom(fileActions);

            _ = Libc.SigEmptySet(signalMask);
            _ = Libc.SigFillSet(signalDefaults);
            Check(Libc.SpawnAttrSetSigMask(attributes, signalMask), "posix_spawnattr_setsigmask");
            Check(Libc.SpawnAttrSetSigDefault(attributes, signalDefaults), "posix_spawnattr_setsigdefault");
            Check(Libc.SpawnAttrSetPGroup(attributes, 0), "posix_spawnattr_setpgroup");
            Check(
                Libc.SpawnAttrSetFlags(attributes, Libc.POSIX_SPAWN_SETPGROUP | Libc.POSIX_SPAWN_SETSIGDEF | Libc.POSIX_SPAWN_SETSIGMASK),
                "posix_spawnattr_setflags");

            var argvPointers = strings.AddArray(argv);
            var envPointers = strings.AddArray(environment.Select(kv => kv.Key + "=" + kv.Value).ToList());
            int pid;
            var result = Libc.PosixSpawnP(&pid, argvPointers[0], fileActions, attributes, argvPointers, envPointers);
            if (result != 0)
            {
                throw new RuntimeSpawnException(result, $"cannot start '{argv[0]}': {Libc.Describe(result)}");
            }

            Libc.Close(writeFd);
            writeFd = -1;
            var flags = Libc.Fcntl(readFd, Libc.F_GETFL, 0);
            Libc.Fcntl(readFd, Libc.F_SETFL, flags | Libc.O_NONBLOCK);
            return (pid, readFd);
        }
        catch
        {
            Libc.Close(readFd);
            throw;
        }
        finally
        {
            if (writeFd >= 0)
            {
                Libc.Close(writeFd);
            }

            _ = Libc.FileActionsDestroy(fileActions);
            _ = Libc.SpawnAttrDestroy(attributes);
            NativeMemory.Free(fileActions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signalMask);
            NativeMemory.Free(signalDefaults);
            strings.Dispose();
        }
    }

    private static void TryCloseFrom(void* fileActions)
    {
        // glibc 2.34+: descriptors the agent inherited without O_CLOEXEC must not leak into the runtime.
        try
        {
            _ = Libc.FileActionsAddCloseFrom(fileActions, 3);
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new RuntimeSpawnException(result, $"{what} failed: {Libc.Describe(result)}");
        }
    }

    /// <summary>NUL-terminated UTF-8 strings and pointer arrays in native memory, freed together.</summary>
    private sealed class NativeStrings : IDisposable
    {
        private readonly List<nint> _allocations = [];

        public byte* Add(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            var memory = (byte*)NativeMemory.Alloc((nuint)length + 1);
            _allocations.Add((nint)memory);
            Encoding.UTF8.GetBytes(value, new Span<byte>(memory, length));
            memory[length] = 0;
            return memory;
        }

        public byte** AddArray(IReadOnlyList<string> values)
        {
            var array = (byte**)NativeMemory.Alloc((nuint)(values.Count + 1), (nuint)sizeof(byte*));
            _allocations.Add((nint)array);
            for (var i = 0; i < values.Count; i++)
            {
                array[i] = Add(values[i]);
            }

            array[values.Count] = null;
            return array;
        }

        public void Dispose()
        {
            foreach (var allocation in _allocations)
            {
                NativeMemory.Free((void*)allocation);
            }

            _allocations.Clear();
        }
    }
}
