"""gpucost from Python: the same numbers as the command line.

    >>> import gpucost
    >>> v3 = gpucost.bundled("scenarios", "deepseek-v3.json")
    >>> q = gpucost.run(v3, set={"hardware": "h100", "gpus": 50000})[0]["quantities"]
    >>> print(f"{q['wall_days']['value']:.2f} days, ${q['cost_usd']['value'] / 1e6:.2f}M")
    2.32 days, $9.67M

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

The shared library is the first of: $GPUCOST_LIBRARY; libgpucost.so.0
inside this package (a package pip installed from the build tree carries
its own copy); the path CMake wrote into this copy of the file (the build
tree's library, or the installed one under CMAKE_INSTALL_LIBDIR); PREFIX/lib
when this package sits in PREFIX/lib/python3.X/dist-packages; and last the
system's loader (ctypes.util.find_library).  The bundled models are
the first of: models/ inside this package, the folder CMake wrote in (the
source tree's, or PREFIX/share/gpucost/models), PREFIX/share/gpucost/models
beside the package.  The catalog for scenarios given as dicts is
$GPUCOST_CATALOG (a hardware/ folder), else the bundled models'.  A
catalog whose folder has no defaults.json takes the bundled models'
defaults.json, as the program does.

``gpucost.__version__`` is the C project's version (CMakeLists.txt's
project VERSION), written into each copy of this file by the build; pip
reads the package's version from it.
"""

import builtins
import ctypes
import ctypes.util
import glob
import json
import os

__all__ = ["run", "compare", "check", "range", "solve", "reconcile",
           "hardware", "quantities", "call", "bundled", "GpucostError"]

_HERE = os.path.dirname(os.path.abspath(__file__))
# CMake writes the version and the built or the installed library and
# models paths into the copies it makes of this file (build/python-build/
# for the tests, build/python/ for pip, and the one cmake --install puts).
__version__ = None
_BUILT_LIBRARY = None
_BUILT_MODELS = None


class GpucostError(Exception):
    """A request gpucost refused: bad input, with where it is.

    ``.file``, ``.line``, ``.column`` (1-based, 0 when unknown), ``.path``
    (the request key or JSON path), ``.message`` and ``.code``; ``str()``
    is the program's one line of stderr.

        >>> import gpucost
        >>> try:
        ...     gpucost.run({"text": '{"id": "x", "inputs": {"gpus": 8,}}', "file": "paste.json"})
        ... except gpucost.GpucostError as e:
        ...     print(e.line, e.column)
        ...     print(e)
        1 35
        paste.json:1:35: invalid JSON near '}'
    """

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
    # in the order the module's docstring gives
    env = os.environ.get("GPUCOST_LIBRARY")
    if env:
        yield env
    # the copy a pip-installed package carries, named by its SONAME
    yield from sorted(glob.glob(os.path.join(_HERE, "libgpucost.so*")))
    yield from glob.glob(os.path.join(_HERE, "libgpucost*.dylib"))
    if _BUILT_LIBRARY:
        yield _BUILT_LIBRARY
    # installed under another prefix than configured (cmake --install --prefix):
    # PREFIX/lib/python3.X/dist-packages/gpucost/ beside PREFIX/lib/libgpucost.so.0
    yield os.path.normpath(os.path.join(_HERE, "..", "..", "..", "libgpucost.so.0"))
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
    for models in (os.path.join(_HERE, "models"), _BUILT_MODELS,
                   os.path.normpath(os.path.join(_HERE, "..", "..", "..", "..", "share", "gpucost", "models"))):
        if models and os.path.isdir(os.path.join(models, "hardware")):
            return models
    return None


def bundled(*parts):
    """The path of a file or folder in the bundled models (models/ in the
    source tree: hardware/, scenarios/, cases/, record/, ...); with no
    argument, the models folder itself.  Raises FileNotFoundError when
    there are no bundled models or no such file.

        >>> import gpucost, os
        >>> path = gpucost.bundled("scenarios", "deepseek-v3.json")
        >>> os.path.basename(path), os.path.isabs(path)
        ('deepseek-v3.json', True)
        >>> "h100.json" in os.listdir(gpucost.bundled("hardware"))
        True
    """
    models = _bundled_models()
    if models is None:
        raise FileNotFoundError("gpucost: no bundled models found")
    path = os.path.join(models, *parts)
    if not os.path.exists(path):
        raise FileNotFoundError(f"gpucost: no bundled {os.path.join(*parts)!r} in {models}")
    return path


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
    """Runs one request (a dict, call.h's shape) as it is: no default
    catalog is added.  Returns (status, text): status 0, or 1 when a claim
    failed or the scenarios disagree; text is the command's output.
    Raises GpucostError for status 2.

        >>> import gpucost
        >>> status, text = gpucost.call({"command": "quantities", "format": "csv"})
        >>> status, text.splitlines()[0]
        (0, 'name,unit,meaning,for,relation,when not given')
    """
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
    """`gpucost run`: every quantity of each scenario, with its origin.
    Returns a list, one dict per scenario; ``set`` is a what-if,
    ``quantities`` a list of names to keep.

        >>> import gpucost
        >>> [r] = gpucost.run(gpucost.bundled("scenarios", "deepseek-v3.json"))
        >>> r["hardware"], r["quantities"]["cost_usd"]
        ('h800', {'value': 5576000, 'origin': 'derived', 'per': 'run'})
        >>> [r] = gpucost.run(gpucost.bundled("scenarios", "deepseek-v3.json"), set={"gpus": 4096})
        >>> print(f"{r['quantities']['wall_days']['value']:.1f} days")
        28.4 days
    """
    return _json("run", scenarios, set=set, hold=hold, quantities=quantities,
                 catalog=catalog, format=format)


def compare(*scenarios, baseline=None, sweep=None, set=None, hold=None, quantities=None,
            catalog=None, format="json"):
    """`gpucost compare`: the scenarios side by side against a baseline
    (an id); ``sweep`` is {"NAME": [V1, V2, ...]}.

        >>> import gpucost
        >>> c = gpucost.compare(gpucost.bundled("scenarios", "deepseek-v3.json"),
        ...                     gpucost.bundled("scenarios", "deepseek-v3-on-h200.json"),
        ...                     baseline="deepseek-v3")
        >>> [(s["id"], s["hardware"]) for s in c["scenarios"]]
        [('deepseek-v3', 'h800'), ('deepseek-v3-on-h200', 'h200')]
    """
    return _json("compare", scenarios, baseline=baseline, sweep=sweep, set=set, hold=hold,
                 quantities=quantities, catalog=catalog, format=format)


def check(*scenarios, set=None, catalog=None, format="json"):
    """`gpucost check`: every claim's status (a failed claim is in the
    result's summary, not an exception).

        >>> import gpucost
        >>> c = gpucost.check(gpucost.bundled("scenarios", "deepseek-v3.json"))
        >>> c["summary"]["pass"], c["summary"]["fail"]
        (4, 0)
        >>> c = gpucost.check(gpucost.bundled("scenarios", "deepseek-v3.json"),
        ...                   set={"hardware": "h100", "gpus": 50000})
        >>> [k["quantity"] for k in c["claims"] if k["status"] == "fail"]
        ['cost_usd']
    """
    return _json("check", scenarios, set=set, catalog=catalog, format=format)


def range(scenario, samples=None, seed=None, threads=None, output=None, quantiles=None,
          sobol=False, sobol_samples=None, baseline=None, set=None, hold=None,
          quantities=None, catalog=None, format="json"):
    """`gpucost range`: Monte Carlo over the uncertain inputs.  The same
    seed and threads give the program's numbers exactly.

        >>> import gpucost
        >>> r = gpucost.range(gpucost.bundled("scenarios", "deepseek-v3-50k-h100.json"),
        ...                   samples=1000, seed=7, threads=1, quantities=["cost_usd"])
        >>> r["inputs"]
        ['price_per_gpu_hour', 'gpu_price_usd', 'mfu']
        >>> c = r["quantities"]["cost_usd"]
        >>> print(f"median ${c['p50'] / 1e6:.2f}M, 90% in ${c['p5'] / 1e6:.2f}M..${c['p95'] / 1e6:.2f}M")
        median $5.15M, 90% in $2.55M..$10.62M
    """
    return _json("range", [scenario], samples=samples, seed=seed, threads=threads,
                 output=output, quantiles=None if quantiles is None else builtins.list(quantiles),
                 sobol=sobol, sobol_samples=sobol_samples, baseline=baseline, set=set,
                 hold=hold, quantities=quantities, catalog=catalog, format=format)


def solve(scenario, for_=None, target=None, set=None, catalog=None, format="json", **kw):
    """`gpucost solve`: the input value that meets a target (``for`` is
    a Python keyword: pass ``for_``).

        >>> import gpucost
        >>> s = gpucost.solve(gpucost.bundled("scenarios", "deepseek-v3.json"),
        ...                   for_="gpus", target="wall_days=30")
        >>> print(f"{s['value']:.0f} GPUs for {s['achieved']:g} days")
        3872 GPUs for 30 days
    """
    for_ = kw.pop("for", for_)
    if kw:
        raise TypeError(f"solve() got unexpected arguments {sorted(kw)}")
    return _json("solve", [scenario], target=target, set=set, catalog=catalog,
                 format=format, **{"for": for_})


def reconcile(*scenarios, catalog=None, format="json"):
    """`gpucost reconcile`: one set of inputs that fits every claim, and
    the claim that does not.

        >>> import gpucost
        >>> r = gpucost.reconcile(gpucost.bundled("cases", "deepseek-50k-fleet.json"))
        >>> r["consistent"], r["dof"]
        (True, 4)
    """
    return _json("reconcile", scenarios, catalog=catalog, format=format)


def hardware(id=None, on=None, history=False, rules=False, to=None, catalog=None,
             format="json"):
    """`gpucost hardware`: the catalog, one chip, or export status
    (``on`` a date, ``history`` one chip's story, ``rules`` the export
    rules; ``to`` the destination, a country or group, China when None).

        >>> import gpucost
        >>> [h] = gpucost.hardware("h100")
        >>> h["name"], h["memory_gb"], h["peak_tflops"]["bf16"]
        ('NVIDIA H100 SXM5 80GB', 80, 989.4)
        >>> [v] = gpucost.hardware("h200", on="2026-02-01")["hardware"]
        >>> v["status"], v["policy"]
        ('licence required', 'case-by-case')
        >>> [s["status"] for s in gpucost.hardware("h100", history=True, to="IN")["history"]]
        ['licence required', 'not controlled']
    """
    return _json("hardware", None, id=id, on=on, history=history, rules=rules, to=to,
                 catalog=catalog, format=format)


def quantities(format="json"):
    """`gpucost quantities`: every quantity's name, unit and meaning.

        >>> import gpucost
        >>> q = {x["name"]: x for x in gpucost.quantities()}
        >>> q["wall_days"]["unit"], q["wall_days"]["meaning"]
        ('d', 'calendar days')
    """
    return _json("quantities", None, format=format)
