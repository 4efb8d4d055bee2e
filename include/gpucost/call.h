/*
 * call.h - gpucost for embedding: one function, JSON in, JSON out.  The
 * Python module (src/python) and the web page (src/web) call only this.
 *
 *     char *response = NULL;
 *     int rc = gpucost_call("{\"command\": \"run\", \"scenarios\": "
 *                           "[\"models/scenarios/deepseek-v3.json\"], "
 *                           "\"set\": {\"hardware\": \"h100\", \"gpus\": 50000}}",
 *                           &response);
 *     ... rc 0: `response` is exactly what `gpucost run --format json
 *         --set hardware=h100 --set gpus=50000 FILE` prints ...
 *     gpucost_call_free(response);
 *
 * The request is a JSON object:
 *   "command"     run, compare, check, range, solve, reconcile, hardware,
 *                 quantities or report (required)
 *   "scenarios"   an array; each a path (a folder for compare and check),
 *                 a scenario object, or {"file": PATH} / {"text": JSON
 *                 TEXT, "file": NAME FOR ERRORS} / {"scenario": OBJECT},
 *                 each of those with optional "set" (its own assignments,
 *                 after the request's) and "id" (a new id for the tables)
 *   "set"         {"gpus": 50000, "hardware": "h100", "mfu": {"low": 0.3,
 *                 "high": 0.45}, "wall_days": null}: each value read as
 *                 typed (a number is the value, {"low", "high"} a 90%
 *                 range, null or "none" takes the input out, another
 *                 string is the --set grammar's: "50k", "0.3..0.45", a
 *                 hardware id), or ["gpus=50k", ...] in that grammar
 *                 (whatif.h)
 *   "hold"        ["cost_usd", ...]                     (--hold)
 *   "format"      "json" (the default), table, md, csv, junit, tap, svg,
 *                 html (the tables as HTML, range's with both charts) or
 *                 scenario (run: the scenario file as edited)
 *   "quantities"  ["wall_days", ...]                    (--quantities)
 *   "catalog"     a hardware/ folder; without it, one beside or above the
 *                 first scenario path, else "default_catalog" (the
 *                 caller's bundled models), else none
 *   "default_defaults"  a defaults file (the caller's bundled
 *                 models/defaults.json) for a catalog whose folder has
 *                 no defaults.json of its own; the human formats' notes
 *                 name it
 *   "baseline", "sweep", "seed", "samples", "threads" (default 1),
 *   "for", "target", "output", "quantiles", "sobol", "sobol_samples", "chart",
 *   "id" (hardware), "on", "history", "rules", "to", "reconcile" (report's
 *   cases, ["a.json,b.json", ...]): as the program's options.
 *   "root"        a folder outside which nothing is read (below)
 *
 * Paths.  Every path a request names (scenarios, "file", "catalog",
 * "default_catalog", "default_defaults", a "baseline" file, the
 * "reconcile" cases) is opened as given, as the program opens its
 * arguments: relative to the process's working directory, following
 * symbolic links and "..", with the process's permissions.  Without
 * "root" a request can therefore read any JSON file the process can (and
 * an error quotes a little of a file that does not parse): an embedder
 * serving requests it does not trust should set "root" itself, over
 * whatever the request says.  With "root" (a folder, resolved once), each
 * of those paths, and each file found in a named folder, must resolve
 * (realpath: links and ".." followed) to the root or below it, and a
 * catalog's folder must have its parent there too (its rules/,
 * architectures/ and defaults.json are read beside it), and so must each
 * file in hardware/, rules/ and architectures/ and the defaults.json (a
 * link placed there may lead anywhere); otherwise the call
 * fails with {"error": {"file": "request", "path": "scenarios[0]", ...}}
 * naming the path as the request wrote it, and nothing outside is opened.
 * Paths are still relative to the working directory, not to the root.
 * With a root the catalog is never looked for near the scenarios (that
 * search climbs above them): name it with "catalog" or "default_catalog".
 * Text given inline ({"text": ...}, a scenario object) reads no file.
 *
 * Errors name request keys: a path is where in the request the mistake
 * is ("set.gpus", "scenarios[1].set.mfu", "sweep"), and a message quotes
 * any other key as `key` ("`sweep` applies to 'compare' only"); the
 * program prints the same errors with its options' spelling (--sweep).
 *
 * Returns the program's exit status: 0 (`*response` is the command's
 * output, JSON unless "format" says otherwise), 1 (the same, and a claim
 * failed or the scenarios disagree) or 2 (`*response` is
 * {"error": {"file", "line", "column", "path", "message", "code"}}, the
 * same error the program prints; the request's own mistakes name the
 * file "request").  `*response` is always set to a new NUL-terminated
 * string owned by the caller: free it with gpucost_call_free(), or NULL
 * when even that allocation failed.  Thread-safe: no state is shared
 * between calls.  Locale-independent: numbers are read and written with
 * '.' whatever LC_NUMERIC the host set (Python's locale.setlocale), as
 * by every public function (gpucost.h); the thread's locale is left as
 * it was.  Like the program's main, it turns GSL's abort-on-error
 * handler off (gsl_set_error_handler_off, process-wide) so a GSL error is
 * an error status, never the end of the host process.
 */
#ifndef GPUCOST_CALL_H
#define GPUCOST_CALL_H

/* The most scenarios a request's "scenarios" expand to (paths, folders'
 * files and inline objects together; a record CSV counts once here and its
 * rows are the command's).  Each is parsed, what-if'd and derived and held
 * until the output is written, about 16 KB, so the cap bounds a request's
 * memory near 160 MB whoever sends it: 20,000 copies of one path, a
 * 980 KB request, took 449 MB before it.  More is GPUCOST_ELIMIT at
 * "scenarios" before anything is loaded. */
#define GPUCOST_CALL_MAX_SCENARIOS 10000

int gpucost_call(const char *request_json, char **response_json);
void gpucost_call_free(char *response_json);

#endif
