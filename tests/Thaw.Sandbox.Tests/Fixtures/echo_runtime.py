#!/usr/bin/python3
"""A minimal Lambda custom runtime for sandbox tests with the real agent: speaks the Runtime API over loopback.

With AWS_LAMBDA_INITIALIZATION_TYPE=snap-start it writes /tmp/init.txt and blocks in GET restore/next (so the
agent reports SnapshotReady), then serves invocations: each response echoes the event with the runtime's pid, a
random number drawn at init (identical in every clone of a snapshot) and the content of /tmp/init.txt.
"""
import http.client
import json
import os
import random
import sys

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
BASE = "/2018-06-01/runtime"
RANDOM_AT_INIT = str(random.getrandbits(64))


def call(method, path, body=None):
    conn = http.client.HTTPConnection(API, timeout=None)
    conn.request(method, BASE + path, body=body, headers={"Content-Type": "application/json"} if body else {})
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response, data


def read(path):
    try:
        return open(path).read()
    except OSError:
        return None


def main():
    if os.environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") == "snap-start":
        with open("/tmp/init.txt", "w") as f:
            f.write(RANDOM_AT_INIT)
        print("init done, waiting for restore", flush=True)
        call("GET", "/restore/next")
        print("restored", flush=True)
    while True:
        response, body = call("GET", "/invocation/next")
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        print("handling " + request_id, flush=True)
        result = {
            "requestId": request_id,
            "pid": os.getpid(),
            "random": RANDOM_AT_INIT,
            "tmp": read("/tmp/init.txt"),
            "event": json.loads(body or b"null"),
        }
        call("POST", "/invocation/" + request_id + "/response", json.dumps(result).encode())


if __name__ == "__main__":
    sys.exit(main())
