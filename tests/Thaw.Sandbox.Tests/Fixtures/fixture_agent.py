#!/usr/bin/python3
"""A stand-in for Thaw.Agent in sandbox tests: speaks the frame protocol (PROTOCOL.md) minimally.

argv: fixture_agent.py -- <runtime command...> (the command is ignored). With THAW_FIXTURE_SNAPSHOT=1 it behaves
like an agent whose runtime is blocked in restore/next: a forked "runtime" holds a loopback TCP connection to
127.0.0.1:9001, the agent sends SnapshotReady, and on Restore it pings the runtime over that connection and answers
RestoreComplete with the reply. Invoke bodies are JSON commands ({"op": ...}); the Response body is JSON.
"""
import ctypes
import fcntl
import json
import os
import random
import socket
import struct
import sys

INVOKE, RESTORE, SHUTDOWN = 0x01, 0x02, 0x03
STARTED, SNAPSHOT_READY, RESTORE_COMPLETE, RESPONSE = 0x81, 0x83, 0x84, 0x87
SIOCGIFHWADDR = 0x8927

# Created before any dump: every clone of a snapshot carries the same value (the uniqueness hazard).
RANDOM_AT_START = str(random.getrandbits(64))
HELD = []


def read_exact(n):
    buf = b""
    while len(buf) < n:
        chunk = os.read(0, n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def read_frame():
    prefix = read_exact(9)
    if prefix is None:
        return None
    rest, kind, hlen = struct.unpack(">IBI", prefix)
    payload = read_exact(rest - 5)
    header = json.loads(payload[:hlen] or b"{}")
    return kind, header, payload[hlen:]


def write_frame(kind, header, body=b""):
    h = json.dumps(header).encode()
    data = struct.pack(">IBI", 5 + len(h) + len(body), kind, len(h)) + h + body
    while data:
        data = data[os.write(1, data):]


def mac(name):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        raw = fcntl.ioctl(s.fileno(), SIOCGIFHWADDR, struct.pack("256s", name.encode()[:15]))
        return ":".join("%02x" % b for b in raw[18:24])
    finally:
        s.close()


def listing(path):
    try:
        return sorted(os.listdir(path))
    except OSError as e:
        return "error: " + e.strerror


def info(cmd):
    names = [n for _, n in socket.if_nameindex()]
    try:
        tmp_random = open("/tmp/before.txt").read()
    except OSError:
        tmp_random = None
    return {
        "pid": os.getpid(),
        "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
        "hostname": socket.gethostname(),
        "interfaces": sorted(names),
        "macs": {n: mac(n) for n in names if n != "lo"},
        "random": RANDOM_AT_START,
        "tmpRandom": tmp_random,
        "tmp": listing("/tmp"),
        "task": listing("/var/task"),
        "listings": {p: listing(p) for p in cmd.get("paths", [])},
        "routes": open("/proc/net/route").read().splitlines()[1:],
        "environ": dict(os.environ),
        "cwd": os.getcwd(),
        "uid": os.getuid(),
        "writableMounts": sorted({l.split()[4] for l in open("/proc/self/mountinfo") if "rw" in l.split()[5].split(",")}),
        "gid": os.getgid(),
        "fds": {fd: os.readlink("/proc/self/fd/" + fd) for fd in os.listdir("/proc/self/fd") if os.path.exists("/proc/self/fd/" + fd)},
    }


def perform(cmd):
    op = cmd["op"]
    if op == "info":
        return info(cmd)
    if op == "write":
        try:
            with open(cmd["path"], "w") as f:
                f.write(cmd["text"])
            return {"ok": True}
        except OSError as e:
            return {"ok": False, "error": e.strerror}
    if op == "read":
        try:
            return {"ok": True, "text": open(cmd["path"]).read()}
        except OSError as e:
            return {"ok": False, "error": e.strerror}
    if op == "alloc":
        block = bytearray(b"\x01") * (cmd["mb"] * 1024 * 1024)
        HELD.append(block)
        return {"ok": True}
    if op == "connect":
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(1)
        try:
            s.connect((cmd["host"], cmd["port"]))
            return {"ok": True}
        except OSError as e:
            return {"ok": False, "error": str(e)}
        finally:
            s.close()
    if op == "shell":
        import subprocess
        r = subprocess.run(["/bin/sh", "-c", cmd["text"]], capture_output=True, text=True, env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"})
        return {"exitCode": r.returncode, "output": (r.stdout + r.stderr).strip()}
    if op == "threads":
        import threading
        stop = threading.Event()
        started = 0
        error = None
        try:
            for _ in range(cmd["mb"]):
                threading.Thread(target=stop.wait, daemon=True).start()
                started += 1
        except RuntimeError as e:
            error = str(e)
        stop.set()
        return {"started": started, "error": error}
    if op == "undumpable":
        # An io_uring instance: CRIU cannot pass it out of the task (the parasite's send_fds fails), so dumps fail.
        libc = ctypes.CDLL(None, use_errno=True)
        params = ctypes.create_string_buffer(120)
        fd = libc.syscall(425, 4, params)
        HELD.append(fd)
        return {"ok": fd >= 0, "errno": ctypes.get_errno()}
    return {"error": "unknown op " + op}


def runtime(port_ready_fd):
    """The forked 'runtime': holds a loopback TCP connection across the snapshot and echoes what it receives."""
    c = socket.create_connection(("127.0.0.1", 9001))
    os.write(port_ready_fd, b"x")
    while True:
        data = c.recv(100)
        if not data:
            os._exit(0)
        c.sendall(data + b"!")


def main():
    if not os.path.exists("/tmp/before.txt"):
        with open("/tmp/before.txt", "w") as f:
            f.write(str(random.SystemRandom().getrandbits(64)))
    conn = None
    runtime_pid = 0
    snapshot_mode = os.environ.get("THAW_FIXTURE_SNAPSHOT") == "1"
    if snapshot_mode:
        srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", 9001))
        srv.listen(1)
        r, w = os.pipe()
        runtime_pid = os.fork()
        if runtime_pid == 0:
            srv.close()
            os.close(r)
            runtime(w)
        os.close(w)
        conn, _ = srv.accept()
        srv.close()
        os.read(r, 1)
        os.close(r)
    write_frame(STARTED, {"runtimePid": runtime_pid})
    if snapshot_mode:
        write_frame(SNAPSHOT_READY, {})
    while True:
        frame = read_frame()
        if frame is None:
            return 0
        kind, header, body = frame
        if kind == INVOKE:
            result = perform(json.loads(body or b"{}"))
            write_frame(RESPONSE, {"requestId": header.get("requestId", ""), "contentType": "application/json"}, json.dumps(result).encode())
        elif kind == RESTORE:
            reply = ""
            if conn is not None:
                conn.sendall(b"ping")
                reply = conn.recv(100).decode()
            write_frame(RESTORE_COMPLETE, {"tcp": reply})
        elif kind == SHUTDOWN:
            return 0


if __name__ == "__main__":
    sys.exit(main())
