using System.IO.Compression;
using System.Text;

namespace Thaw.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A provided.al2023 function whose bootstrap is a POSIX shell script speaking the Runtime API with curl, as in AWS's
/// custom-runtime tutorial. Its behaviour is driven by the event, so tests can make it sleep, crash or fail Init.
/// </summary>
internal static class ShellFunction
{
    /// <summary>
    /// Event <c>{"action":"echo"}</c> answers the event; <c>{"action":"sleep","seconds":N}</c> sleeps first;
    /// <c>{"action":"exit","code":N}</c> exits; <c>{"action":"pid"}</c> answers its pid and hostname.
    /// With <c>INIT_FAIL=1</c> in the environment it reports an Init error and exits.
    /// </summary>
    public const string Script = """
        #!/bin/sh
        set -eu
        API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
        echo "shell runtime init in $(hostname)"
        if [ "${INIT_FAIL:-0}" = "1" ]; then
          echo "failing init on purpose"
          curl -sS -X POST "$API/init/error" -H 'Lambda-Runtime-Function-Error-Type: Runtime.InitFailedOnPurpose' \
            -d '{"errorMessage":"init failed on purpose","errorType":"InitFailedOnPurpose"}' >/dev/null
          exit 1
        fi
        field() { printf '%s' "$1" | sed -n "s/.*\"$2\":\"\{0,1\}\([^\",}]*\).*/\1/p"; }
        while true; do
          HEADERS="$(mktemp)"
          EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
          ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | tr -d '\r' | cut -d' ' -f2)"
          rm -f "$HEADERS"
          echo "handling $ID"
          ACTION="$(field "$EVENT" action)"
          case "$ACTION" in
            sleep) sleep "$(field "$EVENT" seconds)"; RESPONSE="{\"slept\":true}" ;;
            exit) echo "exiting on purpose"; exit "$(field "$EVENT" code)" ;;
            pid) RESPONSE="{\"pid\":$$,\"host\":\"$(hostname)\"}" ;;
            fail) curl -sS -X POST "$API/invocation/$ID/error" -H 'Lambda-Runtime-Function-Error-Type: Function.Failed' \
                    -d '{"errorMessage":"failed on purpose","errorType":"Failed"}' >/dev/null; continue ;;
            *) RESPONSE="$EVENT" ;;
          esac
          curl -sS -X POST "$API/invocation/$ID/response" -d "$RESPONSE" >/dev/null
        done
        """;

    public static SamplePackage Package(int timeoutSeconds = 10, int memoryMb = 128) =>
        new("shell", BootstrapZip(Script), "provided.al2023", "bootstrap", memoryMb, timeoutSeconds);

    /// <summary>A deployment package holding one executable <c>bootstrap</c> with <paramref name="script"/>.</summary>
    public static byte[] BootstrapZip(string script)
    {
        using var ms = new MemoryStream();
        using (var archive = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry("bootstrap");
            entry.ExternalAttributes = 0b111_101_101 << 16;
            using var s = entry.Open();
            s.Write(Encoding.UTF8.GetBytes(script.Replace("\r", "", StringComparison.Ordinal) + "\n"));
        }

        return ms.ToArray();
    }
}
