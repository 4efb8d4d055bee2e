"""The Python package (src/python/gpucost/) against the program.

Every bundled scenario gives, through Python, exactly the JSON the
program prints (`gpucost COMMAND --format json`): run, compare, check,
reconcile, range (same seed, samples and threads), solve, hardware and
quantities.  Errors raise GpucostError with the program's file, line,
column, path and message.  Run by CTest with PYTHONPATH at the built
module and GPUCOST_BIN at the program.
"""

import glob
import json
import os
import subprocess
import unittest

import gpucost

BIN = os.environ["GPUCOST_BIN"]
ROOT = os.environ["GPUCOST_ROOT"]
MODELS = os.path.join(ROOT, "models")
V3 = os.path.join(MODELS, "scenarios", "deepseek-v3.json")
SCENARIOS = sorted(glob.glob(os.path.join(MODELS, "scenarios", "*.json")))
CASES = sorted(glob.glob(os.path.join(MODELS, "cases", "*.json")))


def cli(*args, status=0):
    """The program's JSON for `args` (which must exit `status`)."""
    # the catalog the module falls back on, as an absolute path
    env = dict(os.environ, GPUCOST_CATALOG=os.path.join(MODELS, "hardware"))
    p = subprocess.run([BIN, *args, "--format", "json"], capture_output=True, text=True,
                       cwd=ROOT, env=env, check=False)
    if p.returncode != status:
        raise AssertionError(f"gpucost {' '.join(args)} exited {p.returncode}: {p.stderr}")
    return json.loads(p.stdout)


class SameNumbersAsTheProgram(unittest.TestCase):
    def test_bundled_scenarios_are_there(self):
        self.assertGreaterEqual(len(SCENARIOS), 20)
        self.assertGreaterEqual(len(CASES), 3)

    def test_run_every_bundled_scenario(self):
        for path in SCENARIOS:
            with self.subTest(scenario=os.path.basename(path)):
                self.assertEqual(gpucost.run(path), cli("run", path))

    def test_the_50000_h100_what_if(self):
        got = gpucost.run(V3, set={"hardware": "h100", "gpus": 50000})
        want = cli("run", V3, "--set", "hardware=h100", "--set", "gpus=50000")
        self.assertEqual(got, want)
        q = got[0]["quantities"]
        self.assertEqual(q["gpus"]["value"], 50000)
        self.assertEqual(q["gpus"]["origin"], "input")
        # 2.788M GPU-hours on 50,000 GPUs: 55.76 hours
        self.assertAlmostEqual(q["wall_days"]["value"], 2.788e6 / 50000 / 24, places=9)

    def test_compare_check_and_reconcile(self):
        folder = os.path.join(MODELS, "scenarios")
        self.assertEqual(gpucost.compare(folder, baseline="deepseek-v3"),
                         cli("compare", folder, "--baseline", "deepseek-v3"))
        # check exits 0 on the bundled claims (the expected failures are marked)
        self.assertEqual(gpucost.check(MODELS), cli("check", MODELS))
        for case in CASES:
            with self.subTest(case=os.path.basename(case)):
                status, text = gpucost.call({"command": "reconcile", "scenarios": [case]})
                want = cli("reconcile", case, status=status)
                self.assertEqual(json.loads(text), want)

    def test_sweep(self):
        self.assertEqual(gpucost.compare(V3, sweep="gpus=2048,50000"),
                         cli("compare", V3, "--sweep", "gpus=2048,50000"))

    def test_range_with_the_same_seed(self):
        path = os.path.join(MODELS, "scenarios", "deepseek-v3-50k-h100.json")
        got = gpucost.range(path, samples=2000, seed=7, threads=1, sobol=True)
        want = cli("range", path, "--samples", "2000", "--seed", "7", "--threads", "1", "--sobol")
        self.assertEqual(got, want)

    def test_solve(self):
        got = gpucost.solve(V3, for_="gpus", target="wall_days=30")
        self.assertEqual(got, cli("solve", V3, "--for", "gpus", "--target", "wall_days=30"))
        self.assertEqual(gpucost.solve(V3, target="wall_days=30", **{"for": "gpus"}), got)

    def test_hardware_and_quantities(self):
        self.assertEqual(gpucost.hardware(), cli("hardware"))
        self.assertEqual(gpucost.hardware("h100"), cli("hardware", "h100"))
        self.assertEqual(gpucost.hardware("h20", history=True), cli("hardware", "h20", "--history"))
        self.assertEqual(gpucost.hardware(on="2024-01-01"), cli("hardware", "--on", "2024-01-01"))
        self.assertEqual(gpucost.hardware(rules=True), cli("hardware", "--rules"))
        self.assertEqual(gpucost.quantities(), cli("quantities"))

    def test_a_dict_is_the_file(self):
        with open(V3, encoding="utf-8") as f:
            scenario = json.load(f)
        got = gpucost.run(scenario)
        want = cli("run", V3)
        # the same numbers; only the file name differs
        self.assertEqual(got[0]["file"], "scenarios[0]")
        got[0]["file"] = want[0]["file"]
        self.assertEqual(got, want)

    def test_one_file_twice_as_a_what_if(self):
        got = gpucost.compare(V3, {"file": V3, "id": "what-if", "set": {"gpus": 50000}},
                              baseline="deepseek-v3")
        ids = [row["id"] for row in got["scenarios"]]
        self.assertEqual(ids, ["deepseek-v3", "what-if"])

    def test_other_formats_are_text(self):
        p = subprocess.run([BIN, "run", V3, "--format", "csv"], capture_output=True, text=True,
                           check=True)
        self.assertEqual(gpucost.run(V3, format="csv"), p.stdout)


class Errors(unittest.TestCase):
    def test_a_broken_file_names_line_and_column(self):
        with self.assertRaises(gpucost.GpucostError) as cm:
            gpucost.run({"text": '{"id": "x",\n  "inputs": {"gpus": 8,}}', "file": "paste.json"})
        e = cm.exception
        # the program says 2:25 for the same file (tests/data/bad's cases agree)
        self.assertEqual((e.file, e.line, e.column), ("paste.json", 2, 25))
        self.assertIn("invalid JSON", e.message)
        self.assertEqual(str(e), f"paste.json:2:25: {e.message}")

    def test_a_bad_value_names_the_path(self):
        with self.assertRaises(gpucost.GpucostError) as cm:
            gpucost.run({"id": "x", "inputs": {"gpus": "many"}})
        self.assertEqual(cm.exception.path, "inputs.gpus")
        self.assertEqual(cm.exception.file, "scenarios[0]")

    def test_a_bad_set_says_what_it_expected(self):
        with self.assertRaises(gpucost.GpucostError) as cm:
            gpucost.run(V3, set={"gpus": "lots"})
        self.assertEqual(cm.exception.path, "set.gpus")
        self.assertIn("expected a number", cm.exception.message)
        with self.assertRaises(gpucost.GpucostError) as cm:
            gpucost.run(V3, set={"gpuz": 5})
        self.assertIn("did you mean 'gpus'", cm.exception.message)

    def test_the_program_says_the_same(self):
        # every file of tests/data/bad/: the program's one line of stderr
        os.chdir(ROOT)
        bad = sorted(glob.glob(os.path.join("tests", "data", "bad", "*")))
        self.assertGreater(len(bad), 20)
        for path in bad:
            p = subprocess.run([BIN, "check", path], capture_output=True, check=False)
            with self.subTest(file=os.path.basename(path)):
                self.assertEqual(p.returncode, 2)
                with self.assertRaises(gpucost.GpucostError) as cm:
                    gpucost.check(path)
                line = p.stderr.decode("utf-8", "replace").strip()
                self.assertEqual(line, str(cm.exception))

    def test_non_ascii_names_at_every_edge_are_gpucost_errors(self):
        # an unknown hardware name or --set key of 2-, 3- and 4-byte
        # characters after 0 to 3 ASCII letters: each byte of a character
        # meets the end of the error's message and path somewhere
        for ch in ("\u00e9", "\u20ac", "\U0001d11e"):
            for k in range(4):
                name = "a" * k + ch * 200
                with self.subTest(char=ch, prefix=k):
                    with self.assertRaises(gpucost.GpucostError) as cm:
                        gpucost.run(V3, set={"hardware": name})
                    self.assertIn("unknown hardware", cm.exception.message)
                    self.assertTrue(cm.exception.message.endswith(ch) or "'" in cm.exception.message)
                    with self.assertRaises(gpucost.GpucostError) as cm:
                        gpucost.run(V3, set={name: 1})
                    self.assertIn("unknown", cm.exception.message)
                    self.assertTrue(cm.exception.path.startswith("set." + "a" * k + ch))

    def test_a_failed_claim_is_not_an_exception(self):
        status, text = gpucost.call({"command": "check", "scenarios": [V3],
                                     "set": {"price_per_gpu_hour": 4}})
        self.assertEqual(status, 1)
        self.assertEqual(json.loads(text)["summary"]["fail"], 1)


if __name__ == "__main__":
    unittest.main()
