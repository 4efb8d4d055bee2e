"""pip installs the gpucost package offline into a fresh virtual environment.

    python3 venv_install.py PACKAGE_DIR WORK_DIR VERSION

PACKAGE_DIR is the build's build/python/ (pyproject.toml, gpucost/ with
its library and models); WORK_DIR is emptied and holds the environment.
The steps are the ones the README gives a user:

  1. python3 -m venv (no system site-packages: nothing but the standard
     library, pip and whatever the interpreter's ensurepip brings);
  2. the build backend, setuptools and wheel, where the environment lacks
     them, from Debian's wheels in /usr/share/python-wheels
     (python3-setuptools-whl, python3-wheel-whl) with --no-index;
  3. pip install --no-index --no-build-isolation PACKAGE_DIR;

(Making the environment --without-pip and installing pip and setuptools
from Debian's wheels would halve step 1, but Debian's setuptools wheel
fails under a Python that is not Debian's, such as pyenv's, on Debian's
install_layout patch; ensurepip brings the interpreter's own.)

then, from a folder outside the source and build trees and with none of
the GPUCOST_* variables set, the environment's Python imports the
installed package (not the build tree's), checks its version against
CMake's and importlib.metadata's, runs one scenario, and runs the
package's doctests (doctests.py).  The user's pip configuration is not
read (PIP_CONFIG_FILE=/dev/null), so a find-links or index there cannot
make the test pass.  Exits 77 (CTest's skip) when venv or Debian's wheels
are missing, naming the packages; .ci/install-deps --test installs them.
"""

import os
import shutil
import subprocess
import sys
import time

DEBIAN_WHEELS = "/usr/share/python-wheels"
SKIP = 77

CHECK = r"""
import importlib.metadata, os, sys
import gpucost
want_version, venv = sys.argv[1], sys.argv[2]
here = os.path.realpath(gpucost.__file__)
assert here.startswith(os.path.realpath(venv) + os.sep), f"imported {here}, not the installed package"
assert gpucost.__version__ == want_version, (gpucost.__version__, want_version)
assert importlib.metadata.version("gpucost") == want_version, importlib.metadata.version("gpucost")
lib = os.path.realpath(gpucost._lib._name)
assert lib.startswith(os.path.dirname(here) + os.sep), f"loaded {lib}, not the package's copy"
[r] = gpucost.run(gpucost.bundled("scenarios", "deepseek-v3.json"), set={"hardware": "h100", "gpus": 50000})
q = r["quantities"]
assert q["gpus"]["value"] == 50000 and q["gpus"]["origin"] == "input", q["gpus"]
# 2.788M GPU-hours on 50,000 GPUs: 55.76 hours
assert abs(q["wall_days"]["value"] - 2.788e6 / 50000 / 24) < 1e-9, q["wall_days"]
print(f"venv: gpucost {gpucost.__version__} from {here}, library {lib}")
"""


def step(what, args, env, cwd=None):
    start = time.monotonic()
    p = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    print(f"venv: {what}: {time.monotonic() - start:.1f} s", flush=True)
    if p.returncode != 0:
        sys.stdout.write(p.stdout)
        sys.stderr.write(p.stderr)
        raise SystemExit(f"venv: {what} failed (exit {p.returncode}): {' '.join(args)}")
    return p


def has_modules(python, modules, env):
    return subprocess.run([python, "-c", f"import {', '.join(modules)}"], env=env,
                          capture_output=True, check=False).returncode == 0


def main():
    package, work, version = sys.argv[1:4]
    doctests = os.path.join(os.path.dirname(os.path.abspath(__file__)), "doctests.py")
    # nothing of the caller's that would find gpucost, a library or a package index
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GPUCOST_", "PIP_", "PYTHON")) and k != "VIRTUAL_ENV"}
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_DISABLE_PIP_VERSION_CHECK="1",
               PIP_NO_INPUT="1", PYTHONDONTWRITEBYTECODE="1")
    # under ASan the library needs the runtime preloaded, as for the python test
    for k in ("LD_PRELOAD", "ASAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]

    try:
        import ensurepip  # noqa: F401  (Debian splits it off into python3-venv)
        import venv  # noqa: F401
    except ImportError:
        print("venv: SKIP: python3 -m venv is missing (Debian: python3-venv)")
        return SKIP

    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    venv_dir = os.path.join(work, "env")
    step("python3 -m venv", [sys.executable, "-m", "venv", venv_dir], env)
    python = os.path.join(venv_dir, "bin", "python")

    backend = [m for m in ("setuptools", "wheel") if not has_modules(python, [m], env)]
    if backend:
        have = os.listdir(DEBIAN_WHEELS) if os.path.isdir(DEBIAN_WHEELS) else []
        lacking = [m for m in backend if not any(f.startswith(m + "-") for f in have)]
        if lacking:
            print("venv: SKIP: no wheel of " + ", ".join(lacking) + " in " + DEBIAN_WHEELS
                  + " (Debian: " + ", ".join(f"python3-{m}-whl" for m in lacking) + ")")
            return SKIP
        step("pip install " + " ".join(backend) + " (Debian's wheels)",
             [python, "-m", "pip", "install", "--no-index", "--find-links", DEBIAN_WHEELS,
              *backend], env)

    # pip builds in the source folder (build/, *.egg-info): build a copy, so
    # the build tree stays as CMake left it and nothing stale is packaged
    src = os.path.join(work, "src")
    shutil.copytree(package, src)
    step("pip install --no-index --no-build-isolation",
         [python, "-m", "pip", "install", "--no-index", "--no-build-isolation", src], env)

    elsewhere = os.path.join(work, "elsewhere")
    os.makedirs(elsewhere)
    p = step("import and run", [python, "-c", CHECK, version, venv_dir], env, cwd=elsewhere)
    sys.stdout.write(p.stdout)
    p = step("doctests", [python, doctests], env, cwd=elsewhere)
    sys.stdout.write(p.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
