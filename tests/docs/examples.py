#!/usr/bin/env python3
"""Every example in README.md and docs/*.md is a golden test.

An example is a fenced block (``` with no info string, or ```console)
whose first line starts with "$ " and a command: "$ gpucost ..." or
"$ PYTHONPATH=build/python-build python3 ...".  A command runs on while its
lines end in a backslash or a quote is open; the lines after it are its output.
A block may hold several "$ " commands, run in order, each followed by its
output.  Each command runs under sh from the project root, with the built
gpucost first on PATH (and build/python-build read as the build folder's),
and what it writes to standard output and standard error together, as a
terminal shows them, must equal the block's text, trailing whitespace
aside.
A block whose info string is "sh-nocheck" shows a command whose output is
nondeterministic or too long to keep; it is not run.

Usage: examples.py GPUCOST_BINARY PROJECT_ROOT BUILD_DIR [FILE...]
  (without FILEs: README.md and docs/*.md under PROJECT_ROOT)
  GPUCOST_DOCS_PYTHON_ENV="NAME=VALUE ..." is put before each Python
  example's command (CTest sets the ASan runtime there in a sanitizer build).
  GPUCOST_DOCS_UPDATE=1 rewrites each stale block with what ran (to be
  read as a user would before committing, never taken blindly).
"""
import difflib
import glob
import os
import re
import shlex
import subprocess
import sys


def unclosed(cmd):
    """Whether a command has a quote still open (a multi-line argument)."""
    try:
        shlex.split(cmd, comments=True)
    except ValueError:
        return True
    return False


def examples(text):
    """Yield (start, info, steps) for each example block, start being the
    line index of the block's first body line and steps a list of
    (first, last, command, expected): the lines [first, last) hold the
    expected output."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\S*)\s*$", lines[i])
        if not m:
            i += 1
            continue
        info = m.group(1)
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        if j > i + 1 and lines[i + 1].startswith("$ ") and info in ("", "console", "sh-nocheck"):
            steps = []
            k = i + 1
            while k < j:
                cmd = [lines[k][2:]]
                while (cmd[-1].endswith("\\") or unclosed("\n".join(cmd))) and k + 1 < j:
                    k += 1
                    cmd.append(lines[k])
                k += 1
                first = k
                while k < j and not lines[k].startswith("$ "):
                    k += 1
                steps.append((first, k, "\n".join(cmd), lines[first:k]))
            yield i + 1, info, steps
        i = j + 1


def norm(lines):
    out = [l.rstrip() for l in lines]
    while out and out[-1] == "":
        out.pop()
    return out


def main():
    binary, root, build = (os.path.abspath(a) for a in sys.argv[1:4])
    files = sys.argv[4:] or [os.path.join(root, "README.md")] + sorted(
        glob.glob(os.path.join(root, "docs", "*.md")))
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(binary) + os.pathsep + env.get("PATH", "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    update = os.environ.get("GPUCOST_DOCS_UPDATE") == "1"
    # extra assignments for the Python examples (the ASan runtime, under
    # a sanitizer build): "NAME=VALUE NAME=VALUE"
    pyenv = os.environ.get("GPUCOST_DOCS_PYTHON_ENV", "")
    run = passed = skipped = 0
    failed = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lines = text.split("\n")
        edits = []
        for start, info, steps in examples(text):
            name = "%s:%d" % (os.path.relpath(path, root), start)
            if info == "sh-nocheck":
                skipped += 1
                continue
            run += 1
            ok = True
            for first, last, cmd, expected in steps:
                shell = cmd.replace("PYTHONPATH=build/python-build",
                                    (pyenv + " " if pyenv else "") +
                                    "PYTHONPATH=" + os.path.join(build, "python-build"))
                p = subprocess.run(["sh", "-c", shell], cwd=root, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                got = norm(p.stdout.decode("utf-8", "replace").split("\n"))
                if norm(expected) == got:
                    continue
                ok = False
                print("FAIL: %s: $ %s" % (name, cmd.splitlines()[0]))
                for d in difflib.unified_diff(norm(expected), got, "documented", "ran",
                                              lineterm="", n=1):
                    print("  " + d)
                tail = 1 if last > first and expected and expected[-1] == "" else 0
                edits.append((first, last - tail, got))
            if ok:
                passed += 1
            else:
                failed.append(name)
        if update and edits:
            for s, e, got in reversed(edits):
                lines[s:e] = got
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
    print("docs examples: %d passed, %d failed, %d not run (sh-nocheck)" % (passed, len(failed), skipped))
    return 1 if failed or run == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
