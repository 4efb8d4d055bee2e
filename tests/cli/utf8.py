#!/usr/bin/env python3
"""Non-ASCII text at every buffer edge, through every command and format.

Scenarios whose title, claim sources, notes and source titles are long
runs of a 2-, 3- or 4-byte character (U+00E9, U+20AC, U+1D11E) after 0 to 3
ASCII letters, so each byte of a character falls on the end of each fixed
array the text passes through (an error's message, a reconcile
observation's source, check's rows, run's table, the report).  Every
output must be valid UTF-8; a long claim source must reach CSV whole; an
unknown hardware name of such characters must give a valid error.  Every
command runs under a timeout, with GPUCOST_WRAPPER (valgrind) in front;
the files run GPUCOST_JOBS at a time (default: one per CPU), as run.sh.

Usage: utf8.py GPUCOST_BINARY PROJECT_ROOT
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

BIN, ROOT = sys.argv[1], sys.argv[2]
WRAP = shlex.split(os.environ.get("GPUCOST_WRAPPER", ""))
WIDE = ["\u00e9", "\u20ac", "\U0001d11e"]
FORMATS = {"run": ["table", "md", "csv", "json"], "check": ["table", "md", "csv", "json", "junit", "tap"],
           "compare": ["table", "md", "csv", "json"], "reconcile": ["table", "md", "csv", "json"]}
JOBS = int(os.environ.get("GPUCOST_JOBS") or os.cpu_count() or 2)
failures = []  # list.append is atomic: the workers share it


def gpucost(*args):
    p = subprocess.run([*WRAP, BIN, *args], capture_output=True, cwd=ROOT, timeout=120,
                       stdin=subprocess.DEVNULL, check=False)
    return p.returncode, p.stdout, p.stderr


def valid(what, data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        failures.append(f"{what}: invalid UTF-8 at byte {e.start}: {data[max(0, e.start - 20):e.start + 4]!r}")
        return False
    return True


def scenario(base, prefix, ch, n):
    s = json.loads(json.dumps(base))
    s["id"] = f"edge-{n}"
    s["title"] = prefix + ch * 300
    for c in s["claims"]:
        c["source"] = prefix + ch * 400
        c["note"] = prefix + ch * 300
    s["claims"][0]["value"] = 6000000  # one claim fails: its row and finding are printed
    s["sources"][0]["title"] = prefix + ch * 300
    return s


def one_file(tmp, path):
    """Every command and format over one scenario file, and its report."""
    for command, formats in FORMATS.items():
        for fmt in formats:
            code, out, err = gpucost(command, path, "--catalog", "models/hardware", "--format", fmt)
            what = f"{command} --format {fmt} {os.path.basename(path)}"
            if code not in (0, 1):
                failures.append(f"{what}: exit {code}: {err.decode('utf-8', 'replace')}")
            valid(what, out)
            valid(what + " (stderr)", err)
    report = os.path.join(tmp, os.path.basename(path) + ".report.html")
    code, out, err = gpucost("report", path, "--catalog", "models/hardware", "-o", report)
    if code not in (0, 1):
        failures.append(f"report {os.path.basename(path)}: exit {code}: {err.decode('utf-8', 'replace')}")
        return
    with open(report, "rb") as f:
        valid(f"report {os.path.basename(path)}", f.read())


def main():
    with open(os.path.join(ROOT, "models/scenarios/deepseek-v3.json"), encoding="utf-8") as f:
        base = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for ch in WIDE:
            for k in range(4):
                s = scenario(base, "a" * k, ch, len(files))
                path = os.path.join(tmp, s["id"] + ".json")
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(s, f, ensure_ascii=False)
                files.append(path)
        # each file's commands in a worker of its own: under valgrind one
        # command costs seconds, and the files are independent
        with ThreadPoolExecutor(max_workers=JOBS) as pool:
            list(pool.map(lambda path: one_file(tmp, path), files))
        # the unknown hardware's name in the error message, at every edge
        for ch in WIDE:
            for k in range(4):
                name = "a" * k + ch * 200
                code, out, err = gpucost("run", "models/scenarios/deepseek-v3.json", "--set", "hardware=" + name)
                if code != 2:
                    failures.append(f"--set hardware={ch!r}: exit {code}, expected 2")
                if valid(f"--set hardware={ch!r} x{k} (stderr)", err) and "unknown hardware" not in err.decode():
                    failures.append(f"--set hardware={ch!r}: {err.decode()}")
        # a long claim source reaches CSV whole
        s = json.loads(json.dumps(base))
        s["claims"][0]["source"] = "\u20ac" * 1500 + " the end"
        path = os.path.join(tmp, "long.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(s, f, ensure_ascii=False)
        code, out, err = gpucost("check", path, "--catalog", "models/hardware", "--format", "csv")
        if s["claims"][0]["source"] not in out.decode("utf-8", "replace"):
            failures.append("check --format csv: a 4,508-byte claim source is not written whole")
    for f in failures:
        print("FAIL", f)
    print(f"utf8: {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
