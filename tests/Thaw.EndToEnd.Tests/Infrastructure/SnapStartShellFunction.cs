namespace Thaw.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A provided.al2023 shell function that takes part in SnapStart through the raw Runtime API: under
/// <c>AWS_LAMBDA_INITIALIZATION_TYPE=snap-start</c> it runs a "before-snapshot hook" (writes /tmp, records its MACs and a
/// random seed), blocks in <c>GET restore/next</c> (curl's connection must survive the dump), then runs an
/// "after-restore hook". Env <c>BEFORE_FAIL</c>, <c>AFTER_FAIL</c>, <c>AFTER_HANG</c> make those phases fail.
/// </summary>
internal static class SnapStartShellFunction
{
    public const string Script = """
        #!/bin/sh
        set -eu
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        macs() { ip -o link | sed -n 's/^[0-9]*: \([a-z0-9_]*\)[@:].*link\/ether \([0-9a-f:]*\).*/\1=\2/p' | sort | tr '\n' ' '; }
        echo "init: type=${AWS_LAMBDA_INITIALIZATION_TYPE:-none}"
        if [ "${AWS_LAMBDA_INITIALIZATION_TYPE:-}" = "snap-start" ]; then
          echo "HOOK before-snapshot"
          macs > /tmp/macs-at-init.txt
          od -An -N4 -tu4 /dev/urandom | tr -d ' ' > /tmp/seed.txt
          if [ "${BEFORE_FAIL:-0}" = "1" ]; then
            curl -sS -X POST "$API/init/error" -H 'Lambda-Runtime-Function-Error-Type: Runtime.BeforeSnapshotError' \
              -d '{"errorMessage":"before-snapshot hook failed on purpose","errorType":"HookFailed"}' >/dev/null
            exit 64
          fi
          curl -sS -f "$API/restore/next" >/dev/null
          echo "HOOK after-restore seed=$(cat /tmp/seed.txt)"
          if [ "${AFTER_FAIL:-0}" = "1" ]; then
            curl -sS -X POST "$API/restore/error" -H 'Lambda-Runtime-Function-Error-Type: Runtime.AfterRestoreError' \
              -d '{"errorMessage":"after-restore hook failed on purpose","errorType":"HookFailed"}' >/dev/null
            exit 65
          fi
          if [ "${AFTER_HANG:-0}" = "1" ]; then sleep 60; fi
        fi
        while true; do
          HEADERS="$(mktemp)"
          EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
          ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | tr -d '\r' | cut -d' ' -f2)"
          rm -f "$HEADERS"
          SEED="$(cat /tmp/seed.txt 2>/dev/null || echo none)"
          INIT="$(cat /tmp/macs-at-init.txt 2>/dev/null || echo none)"
          RESPONSE="{\"seed\":\"$SEED\",\"initMacs\":\"$INIT\",\"liveMacs\":\"$(macs)\",\"host\":\"$(hostname)\"}"
          curl -sS -X POST "$API/invocation/$ID/response" -d "$RESPONSE" >/dev/null
        done
        """;

    public static SamplePackage Package() => new("snapshell", ShellFunction.BootstrapZip(Script), "provided.al2023", "bootstrap", 128, 10);
}
