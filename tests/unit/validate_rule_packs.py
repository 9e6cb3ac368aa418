#!/usr/bin/env python3
"""Validates rule packs against native-host/schema/rule-pack.schema.json (CTest).

Checks every shipped pack, a pack the built host itself writes when it learns a confirmed
label, and that packs which break the schema are refused (so this test can fail).
Usage: validate_rule_packs.py HOST SCHEMA PACK.json...
"""
import atexit
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import jsonschema


def learned_pack(host):
    """Asks the real host to learn one label, the way the extension does, and returns its file."""
    data_dir = tempfile.mkdtemp(prefix="optout-schema-")
    atexit.register(shutil.rmtree, data_dir, True)
    request = {"v": 1, "id": 1, "type": "learn",
               "learn": {"setting": "ads_location", "label": "Reklamlar için konumumu kullan",
                         "lang": "tr", "url_path": "/mypreferences/d/settings/ads-location-new"}}
    body = json.dumps(request).encode()
    frame = struct.pack("=I", len(body)) + body
    env = dict(os.environ, OPTOUT_DATA_DIR=data_dir)
    out = subprocess.run([host, "serve"], input=frame, capture_output=True, env=env, timeout=30, check=True).stdout
    (length,) = struct.unpack("=I", out[:4])
    reply = json.loads(out[4:4 + length])
    if not reply.get("ok") or not reply.get("added"):
        raise SystemExit(f"learn failed: {reply}")
    return os.path.join(data_dir, "rules", "learned.json")


BROKEN = {
    "unknown top-level key": {"schema": 1, "pack": "x", "version": "1", "settings": [], "rules": []},
    "an extension that redefines shares_when": {"schema": 1, "pack": "x", "version": "1", "settings": [
        {"id": "a", "extends": "b", "shares_when": "off", "labels": {"en": ["x"]}}]},
    "a radio rule without private_option": {"schema": 1, "pack": "x", "version": "1", "settings": [
        {"id": "a", "title": "A", "category": "visibility", "kind": "radio", "shares_when": "on", "explain": "e",
         "url_paths": ["^/a$"], "labels": {"en": ["x"]}, "context": {"en": ["y"]}}]},
    "a provenance that is neither seen nor guess": {"schema": 1, "pack": "x", "version": "1", "settings": [
        {"id": "a", "title": "A", "category": "research", "shares_when": "on", "explain": "e",
         "attrs": ["^k$"], "provenance": {"attrs": ["somebody said so"]}}]},
    "a bad language key": {"schema": 1, "pack": "x", "version": "1", "settings": [
        {"id": "a", "title": "A", "category": "research", "shares_when": "on", "explain": "e",
         "labels": {"english": ["x"]}}]},
    "an English entry in titles": {"schema": 1, "pack": "x", "version": "1", "settings": [
        {"id": "a", "title": "A", "category": "research", "shares_when": "on", "explain": "e",
         "titles": {"en": "A"}, "explains": {"en": "e"}, "labels": {"en": ["x"]}}]},
    "an empty explanation in explains": {"schema": 1, "pack": "x", "version": "1", "settings": [
        {"id": "a", "title": "A", "category": "research", "shares_when": "on", "explain": "e",
         "titles": {"de": "A"}, "explains": {"de": ""}, "labels": {"en": ["x"]}}]},
    "titles on an extension": {"schema": 1, "pack": "x", "version": "1", "settings": [
        {"id": "a", "extends": "b", "titles": {"de": "A"}, "labels": {"en": ["x"]}}]},
}


def main():
    host, schema_path, packs = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    failures = 0
    for path in packs + [learned_pack(host)]:
        with open(path, encoding="utf-8") as f:
            errors = sorted(validator.iter_errors(json.load(f)), key=lambda e: list(e.path))
        for e in errors:
            print(f"FAIL {path}: {'/'.join(map(str, e.path))}: {e.message}")
        failures += bool(errors)
        if not errors:
            print(f"ok   {path}")
    for name, pack in BROKEN.items():
        refused = not validator.is_valid(pack)
        print(f"{'ok  ' if refused else 'FAIL'} refuses {name}")
        failures += not refused
    print(f"{len(packs) + 1 + len(BROKEN) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
