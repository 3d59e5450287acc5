namespace Thaw.Sandbox.Linux;

/// <summary>
/// The shell steps that build an environment. Shell rather than syscalls from .NET because unshare(CLONE_NEWPID)
/// only affects children and a multithreaded runtime cannot unshare a mount namespace; util-linux does it in
/// a few milliseconds. See LINUX-SANDBOX.md for the recipe and why each step exists.
/// </summary>
internal static class EnvironmentScripts
{
    /// <summary>Host side: close inherited descriptors, join the cgroup(s) given before <c>--</c>, exec the rest.</summary>
    /// <remarks>Used to start <c>unshare</c> and to run <c>criu restore</c> inside a clone's fresh cgroup.</remarks>
    public const string JoinCgroupAndExec = """
        for fd in $(ls /proc/self/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi; done
        while [ "$#" -gt 0 ] && [ "$1" != -- ]; do echo $$ > "$1"; shift; done
        shift
        exec "$@"
        """;

    /// <summary>
    /// Inside the new namespaces, as their pid 1. Arguments: hostname, /tmp size in MB, code dir, runtime dir (or
    /// empty), MAC of vinternal_1, MAC of telemetry1_sb, uid:gid to run as (or empty: uid 0), directories to hide,
    /// <c>--</c>, the agent's environment as NAME=VALUE, <c>--</c>, the agent's argv. Order matters: the read-only
    /// binds are taken before the state and scratch directories (which may contain the code) are covered, and /tmp
    /// (which may contain either) last. The root is remounted read-only (only /tmp and /dev/shm are writable, as on
    /// Lambda), /dev is a private tmpfs with the harmless character devices only (no disks), /proc/sys is read-only,
    /// and the agent runs without any capability and with no_new_privs, so nothing of this can be undone from inside
    /// (no unmounting what hides the state directory, no raw disk, no host-wide sysctls).
    /// </summary>
    public const string SetUpEnvironment = """
        set -eu
        for fd in $(ls /proc/self/fd); do if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi; done
        PATH=/usr/sbin:/usr/bin:/sbin:/bin
        hostname=$1 tmp_mb=$2 code=$3 runtime=$4 mac_internal=$5 mac_telemetry=$6 run_as=$7
        shift 7
        hidden=()
        while [ "$1" != -- ]; do hidden+=("$1"); shift; done
        shift
        agent_env=()
        while [ "$1" != -- ]; do agent_env+=("$1"); shift; done
        shift
        mount --make-rprivate /
        umount -l /sys
        umount -l /dev
        mount -t tmpfs -o size=64k,mode=0755,nosuid,noexec thaw-dev /dev
        for node in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
          name=${node%%:*} numbers=${node#*:}
          major=${numbers%%:*} minor=${numbers#*:}
          mknod -m 0666 "/dev/$name" c "$major" "$minor"
        done
        ln -s /proc/self/fd /dev/fd
        ln -s /proc/self/fd/0 /dev/stdin
        ln -s /proc/self/fd/1 /dev/stdout
        ln -s /proc/self/fd/2 /dev/stderr
        mkdir /dev/shm
        # What is left of the host's tree (/, other disks) becomes read-only, one mount at a time (no recursive ro here).
        while read -r _ _ _ _ mountpoint _; do
          if [ "$mountpoint" != /proc ] && [ "$mountpoint" != /dev ]; then mount -o remount,bind,ro "$(printf '%b' "$mountpoint")" 2>/dev/null || true; fi
        done < /proc/self/mountinfo
        umount -l /proc
        mount -t proc -o nosuid,nodev,noexec proc /proc
        mount -t sysfs -o ro,nosuid,nodev,noexec sysfs /sys
        mount --bind "$code" /var/task
        mount -o remount,bind,ro,nosuid,nodev /var/task
        if [ -n "$runtime" ]; then
          mount --bind "$runtime" /var/runtime
          mount -o remount,bind,ro,nosuid,nodev /var/runtime
        fi
        for d in "${hidden[@]}"; do
          if [ -d "$d" ]; then mount -t tmpfs -o ro,size=4k,mode=0700,nosuid,nodev,noexec thaw-hidden "$d"; fi
        done
        mount -t tmpfs -o "size=${tmp_mb}m,mode=1777,nosuid,nodev" tmpfs /tmp
        mount -t tmpfs -o size=64m,mode=1777,nosuid,nodev tmpfs /dev/shm
        mount -o remount,ro,nosuid,noexec thaw-dev /dev
        mount --bind /proc/sys /proc/sys
        mount -o remount,bind,ro,nosuid,nodev,noexec /proc/sys
        hostname "$hostname"
        ip link set lo up
        ip link add vinternal_1 address "$mac_internal" type veth peer name telemetry1_sb address "$mac_telemetry"
        ip link set vinternal_1 up
        ip link set telemetry1_sb up
        cd /var/task
        drop=()
        if [ -n "$run_as" ]; then
          drop=(setpriv "--reuid=${run_as%%:*}" "--regid=${run_as##*:}" --clear-groups --inh-caps=-all --bounding-set=-all --no-new-privs)
        else
          drop=(setpriv --inh-caps=-all --bounding-set=-all --no-new-privs)
        fi
        exec setsid "${drop[@]}" env -i "${agent_env[@]}" "$@"
        """;
}
