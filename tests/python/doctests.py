"""The examples in the gpucost package's docstrings, run as doctests.

Every public name (gpucost.__all__) must have a docstring with at least
one example, and every example must print what its docstring says.  Run
by CTest twice: over the build tree's copy (PYTHONPATH), and with the
Python of a fresh virtual environment the package was pip-installed into
(venv_install.py).  Exits 1 on a failure.
"""

import doctest
import sys

import gpucost


def main():
    finder = doctest.DocTestFinder()
    missing = []
    for name in gpucost.__all__:
        tests = finder.find(getattr(gpucost, name), f"gpucost.{name}", module=gpucost)
        if not any(t.examples for t in tests if t.name == f"gpucost.{name}"):
            missing.append(name)
    if missing:
        print(f"doctests: no example in the docstring of {', '.join(missing)}", file=sys.stderr)
    result = doctest.testmod(gpucost, verbose=False)
    print(f"doctests: {result.attempted} examples, {result.failed} failed, from {gpucost.__file__}")
    return 1 if missing or result.failed or not result.attempted else 0


if __name__ == "__main__":
    sys.exit(main())
