#!/usr/bin/env python3
"""The host makes no network connections (docs/security.md): CTest runs it under strace.

Drives `optout-host` through every request type it serves, as the browser would, with strace
tracing every network system call of the process and its children, and fails on any.
Usage: no_sockets.py HOST
"""
import json
import os
import struct
import subprocess
import sys
import tempfile

REQUESTS = [
    {"type": "hello"},
    {"type": "settings"},
    {"type": "classify", "page": {"url_path": "/mypreferences/d/settings/data-for-ai-improvement", "lang": "en"},
     "controls": [{"ref": "c1", "kind": "switch", "checked": True,
                   "label": "Use my data for training content creation AI models"}]},
    {"type": "record", "change": {"setting": "generative_ai_training", "url_path": "/p", "before": "on",
                                  "after": "off", "verified": True, "outcome": "changed"}},
    {"type": "history"},
    {"type": "learn", "learn": {"setting": "ads_location", "label": "Konumumu kullan", "lang": "tr",
                                "url_path": "/mypreferences/d/settings/ads-location"}},
]


def main():
    host = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o700)
        log = os.path.join(tmp, "strace.log")
        data = os.path.join(tmp, "data")
        frames = b""
        for i, r in enumerate(REQUESTS, start=1):
            body = json.dumps({"v": 1, "id": i, **r}).encode()
            frames += struct.pack("=I", len(body)) + body
        env = dict(os.environ, OPTOUT_DATA_DIR=data)
        # The host serves only an extension it was installed for.
        subprocess.run([host, "install", "--browser", "chromium", "--dev",
                        "--user-data-dir", os.path.join(tmp, "profile")],
                       env=env, check=True, capture_output=True, timeout=60)
        cmd = ["strace", "-f", "-qq", "-o", log, "-e", "trace=%network", "-e", "signal=none",
               host, "chrome-extension://ckjgoakhngifaebchaaffcpfmbkojdni/"]
        out = subprocess.run(cmd, input=frames, capture_output=True, timeout=60, env=env).stdout
        replies, at = [], 0
        while at + 4 <= len(out):
            (n,) = struct.unpack("=I", out[at:at + 4])
            replies.append(json.loads(out[at + 4:at + 4 + n]))
            at += 4 + n
        served = [r for r in replies if r.get("ok")]
        with open(log, encoding="utf-8") as f:
            calls = [line.strip() for line in f if line.strip()]
    for c in calls:
        print(f"FAIL network call: {c}")
    ok_served = len(served) == len(REQUESTS)
    print(f"{'ok  ' if ok_served else 'FAIL'} served {len(served)} of {len(REQUESTS)} requests")
    print(f"{'ok  ' if not calls else 'FAIL'} {len(calls)} network system calls")
    return 0 if ok_served and not calls else 1


if __name__ == "__main__":
    sys.exit(main())
