"""gpucost from Python: the same numbers as the command line.

    >>> import gpucost
    >>> r = gpucost.run("models/scenarios/deepseek-v3.json",
    ...                 set={"hardware": "h100", "gpus": 50000})
    >>> r["scenarios"][0]["derived"]["wall_days"]["value"]

Every function builds one JSON request and hands it to the C library's
gpucost_call (include/gpucost/call.h), the code path the program's
``--format json`` output takes, so the dicts returned here are exactly what
``gpucost COMMAND --format json`` prints.  Standard library only (ctypes).

A scenario is a path (a folder too, for compare and check), a dict (a
scenario object), or a dict {"file"|"text"|"scenario": ..., "set": {...},
"id": "..."} to give one scenario its own what-if or a new id.  ``set``
takes {"gpus": 50000, "hardware": "h100", "mfu": "30..45",
"wall_days": None}.  Errors raise GpucostError with the file, line,
column, JSON path and message the program prints.  A path may also be
Epoch AI's "All ML Systems" CSV (models/record/), read as one scenario
per testable row; check then returns its bad rows under "errors" and the
rows it cannot test under "not_testable" instead of raising.

The library is found at $GPUCOST_LIBRARY, where CMake built or installed
it (written into the copy it makes of this file), beside this file, or
by the system's loader; the catalog for scenarios given as dicts at
$GPUCOST_CATALOG (a hardware/ folder), else the bundled models.  A
catalog whose folder has no defaults.json takes the bundled models'
defaults.json, as the program does.
"""

import builtins
import ctypes
import ctypes.util
import json
import os

__all__ = ["run", "compare", "check", "range", "solve", "reconcile",
           "hardware", "quantities", "call", "GpucostError"]

_HERE = os.path.dirname(os.path.abspath(__file__))
# CMake writes the built and the installed library and models paths into
# the copies it makes of this file (build/python/, and the installed one).
_BUILT_LIBRARY = None
_BUILT_MODELS = None


class GpucostError(Exception):
    """A request gpucost refused: bad input, with where it is."""

    def __init__(self, error):
        self.file = error.get("file", "")
        self.line = error.get("line", 0)
        self.column = error.get("column", 0)
        self.path = error.get("path", "")
        self.message = error.get("message", "")
        self.code = error.get("code", "")
        where = self.file
        if where and self.line:
            where += f":{self.line}:{self.column}"
        parts = [p for p in (where, self.path, self.message) if p]
        super().__init__(": ".join(parts))


def _library_candidates():
    env = os.environ.get("GPUCOST_LIBRARY")
    if env:
        yield env
    if _BUILT_LIBRARY:
        yield _BUILT_LIBRARY
    for name in ("libgpucost.so", "libgpucost.so.0", "libgpucost.dylib"):
        yield os.path.join(_HERE, name)
    # installed under another prefix than configured (cmake --install --prefix):
    # PREFIX/lib/python3.X/dist-packages/gpucost.py beside PREFIX/lib/libgpucost.so.0
    yield os.path.normpath(os.path.join(_HERE, "..", "..", "libgpucost.so.0"))
    found = ctypes.util.find_library("gpucost")
    if found:
        yield found


def _load():
    tried = []
    for path in _library_candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append(f"{path} ({e})")
            continue
        lib.gpucost_call.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
        lib.gpucost_call.restype = ctypes.c_int
        lib.gpucost_call_free.argtypes = [ctypes.c_void_p]
        lib.gpucost_call_free.restype = None
        return lib
    raise ImportError("gpucost: libgpucost not found; set GPUCOST_LIBRARY (tried: "
                      + ", ".join(tried) + ")")


_lib = _load()


def _bundled_models():
    for models in (_BUILT_MODELS, os.path.join(_HERE, "models"),
                   os.path.normpath(os.path.join(_HERE, "..", "..", "..", "share", "gpucost", "models"))):
        if models and os.path.isdir(os.path.join(models, "hardware")):
            return models
    return None


def _default_catalog():
    env = os.environ.get("GPUCOST_CATALOG")
    if env:
        return env
    models = _bundled_models()
    return os.path.join(models, "hardware") if models else None


def _default_defaults():
    # for a catalog folder without its own defaults.json, as the program
    models = _bundled_models()
    path = os.path.join(models, "defaults.json") if models else None
    return path if path and os.path.isfile(path) else None


def call(request):
    """Runs one request (a dict, call.h's shape).  Returns (status, text):
    status 0, or 1 when a claim failed or the scenarios disagree; text is
    the command's output.  Raises GpucostError for status 2."""
    out = ctypes.c_void_p()
    status = _lib.gpucost_call(json.dumps(request).encode("utf-8"), ctypes.byref(out))
    if not out.value:
        raise MemoryError("gpucost: out of memory")
    try:
        text = ctypes.string_at(out.value).decode("utf-8")
    finally:
        _lib.gpucost_call_free(out)
    if status == 2:
        raise GpucostError(json.loads(text)["error"])
    return status, text


def _scenario(s):
    return os.fspath(s) if isinstance(s, (str, os.PathLike)) else s


def _request(command, scenarios, options):
    request = {"command": command}
    if scenarios is not None:
        request["scenarios"] = [_scenario(s) for s in scenarios]
    for key, value in options.items():
        if value is not None and value is not False:
            request[key] = value
    # as the program: a catalog beside the first path, else the bundled one
    catalog = _default_catalog()
    if catalog and "catalog" not in request:
        request["default_catalog"] = catalog
    defaults = _default_defaults()
    if defaults and "default_defaults" not in request:
        request["default_defaults"] = defaults
    return request


def _json(command, scenarios=None, **options):
    options.setdefault("format", "json")
    status, text = call(_request(command, scenarios, options))
    return json.loads(text) if options["format"] == "json" else text


def run(*scenarios, set=None, hold=None, quantities=None, catalog=None, format="json"):
    """`gpucost run`: every quantity of each scenario, with its origin."""
    return _json("run", scenarios, set=set, hold=hold, quantities=quantities,
                 catalog=catalog, format=format)


def compare(*scenarios, baseline=None, sweep=None, set=None, hold=None, quantities=None,
            catalog=None, format="json"):
    """`gpucost compare`: the scenarios side by side against a baseline."""
    return _json("compare", scenarios, baseline=baseline, sweep=sweep, set=set, hold=hold,
                 quantities=quantities, catalog=catalog, format=format)


def check(*scenarios, set=None, catalog=None, format="json"):
    """`gpucost check`: every claim's status (a failed claim is in the
    result's summary, not an exception)."""
    return _json("check", scenarios, set=set, catalog=catalog, format=format)


def range(scenario, samples=None, seed=None, threads=None, output=None, quantiles=None,
          sobol=False, sobol_samples=None, baseline=None, set=None, hold=None,
          quantities=None, catalog=None, format="json"):
    """`gpucost range`: Monte Carlo over the uncertain inputs.  The same
    seed and threads give the program's numbers exactly."""
    return _json("range", [scenario], samples=samples, seed=seed, threads=threads,
                 output=output, quantiles=None if quantiles is None else builtins.list(quantiles),
                 sobol=sobol, sobol_samples=sobol_samples, baseline=baseline, set=set,
                 hold=hold, quantities=quantities, catalog=catalog, format=format)


def solve(scenario, for_=None, target=None, set=None, catalog=None, format="json", **kw):
    """`gpucost solve`: the input value that meets a target, e.g.
    solve(path, for_="gpus", target="wall_days=30")."""
    for_ = kw.pop("for", for_)
    if kw:
        raise TypeError(f"solve() got unexpected arguments {sorted(kw)}")
    return _json("solve", [scenario], target=target, set=set, catalog=catalog,
                 format=format, **{"for": for_})


def reconcile(*scenarios, catalog=None, format="json"):
    """`gpucost reconcile`: one set of inputs that fits every claim, and
    the claim that does not."""
    return _json("reconcile", scenarios, catalog=catalog, format=format)


def hardware(id=None, on=None, history=False, rules=False, catalog=None, format="json"):
    """`gpucost hardware`: the catalog, one chip, or export status."""
    return _json("hardware", None, id=id, on=on, history=history, rules=rules,
                 catalog=catalog, format=format)


def quantities(format="json"):
    """`gpucost quantities`: every quantity's name, unit and meaning."""
    return _json("quantities", None, format=format)
