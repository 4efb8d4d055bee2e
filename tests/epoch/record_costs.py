#!/usr/bin/env python3
"""How many of Epoch AI's "Training compute cost (2023 USD)" cells gpucost
reproduces with Epoch's amortisation, from each row alone.

For every row of the record with a cost cell, one training chip and no base
model, this script chooses Epoch's inputs the way training-cost-trends'
code does today (training_cost_trends/pricing.py, hardware.py,
cost_estimation.py, constants.py; see docs/quantities-and-methods.md, "Owned
cost: straight-line or Epoch's amortisation"): the chip's first DGX (else first)
purchase price in the price file, or Epoch's TPU-equivalent price; its
availability (release + 90 days for a GPU, the release for a TPU); the
training start (publication - training time - 60 days, or the median
training time; Epoch's fixed dates for GPT-4, Gemini 1.0 Ultra, GPT-3 and
GPT-3.5); chip-hours (the row's, else quantity x hours, else FLOP / (peak x
utilisation)); the energy factors.  It writes one scenario per row with
hardware_age_years, gpu_price_usd, server_factor and power_w, the cell
converted to the publication month's dollars as an owned_cost_usd claim
(1% tolerance), runs `gpucost check` on them, and prints the tally.  The
arithmetic is gpucost's; the choice of inputs is Epoch's rules as read.

Many cells are older than their rows: Epoch's weekly job
(training-cost-trends, .github/workflows/update_airtable.yml running
cost_analysis_standalone.py) rewrites the cell only for rows ranked in the
top 5 by compute when published; the other cells keep what an earlier run
computed from the row as it read then.  EARLIER lists the values such rows
held in Epoch's snapshot of the record of 2024-02-05
(training-cost-trends, data/20240205/All ML Systems - full view.csv) where
they differ from today's; the script tallies the rows a second time with
those values and prints each one's error both ways.

usage: tests/epoch/record_costs.py BUILD/gpucost DATA_DIR [OUT_DIR]
  DATA_DIR holds Epoch's "Chip dataset-Grid view.csv", "Hardware
  prices.csv" and PCU518210518210.csv (shared/data/epoch/); the record is
  models/record/.
"""
import csv, datetime as dt, json, math, os, subprocess, sys, tempfile

HOURS_PER_YEAR = 24 * 365.25
ALIASES = ["A100", "V100", "H100", "P100", "K80", "K40", "Titan X", "GTX 580", "GTX TITAN", "Titan Black"]
TPU_PRICES = {"Google TPU v1": 5463, "Google TPU v2": 5054, "Google TPU v3": 5276, "Google TPU v4": 5167}
ENERGY = {2010: 0.0677, 2011: 0.0682, 2012: 0.0667, 2013: 0.0689, 2014: 0.0710, 2015: 0.0691,
          2016: 0.0676, 2017: 0.0688, 2018: 0.0692, 2019: 0.0681, 2020: 0.0667, 2021: 0.0718,
          2022: 0.0832, 2023: 0.0806, 2024: 0.0771, 2025: 0.0826}
HYPERSCALERS = ["google", "deepmind", "microsoft", "amazon", "meta", "facebook"]
# Row values in Epoch's 2024-02-05 snapshot of the record that differ from
# today's, for rows whose cell matches the snapshot's value better (each
# read from the snapshot's row; see the docstring)
EARLIER = {
    "BLOOM-176B": {"Publication date": "2022-11-08"},
    "Parti": {"Training compute (FLOP)": "3.962895376192635e+23"},
    "GOAT": {"Training compute (FLOP)": "7.8e22"},
    "Denoising Diffusion Probabilistic Models (LSUN Bedroom)": {"Training compute (FLOP)": "3.8e20"},
    "EMDR": {"Training compute (FLOP)": "1.24e21", "Training time (hours)": "230"},
    "ViT-G/14": {"Training compute (FLOP)": "3.4e21"},
    "wave2vec 2.0 LARGE": {"Training compute (FLOP)": "1.9e21"},
}


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def num(s):
    s = (s or "").replace("$", "").replace(",", "").strip()
    try:
        return float(s)
    except ValueError:
        return None


def date(s):
    try:
        return dt.date.fromisoformat((s or "").strip()[:10])
    except ValueError:
        return None


def server_overhead(hw):
    return 1.66 if "A100" in hw else 1.69 if "V100" in hw else 1.54 if "P100" in hw else 1.64


def chip_to_server(hw):
    if "TPU" in hw:
        return 2.93 if "v1" in hw else 1.64 if "v2" in hw else 1.47 if "v3" in hw else 1.56
    if "H100" in hw:
        return (10.2 / 8) / 0.7
    if "A100" in hw:
        return (6.5 / 8) / 0.4
    if "V100" in hw:
        return ((10 / 16) / 0.3 + (1.5 / 4) / 0.3) / 2
    return 1.8


def price_of(hw, chip, prices):
    """(price per chip incl. server, availability date, server_factor) or None."""
    if "TPU" in hw:
        if hw not in TPU_PRICES:
            return None
        return TPU_PRICES[hw], date(chip["Release date"]), server_overhead(hw)
    alias = next((a for a in ALIASES if a in hw), None)
    if alias is None:
        return None
    cands = sorted((p for p in prices if alias in p["Hardware model"] and num(p["Price (hardware purchase)"])
                    and date(p["Price date"])), key=lambda p: date(p["Price date"]))
    if not cands:
        return None
    # Epoch's pandas sort_values is not stable: among rows of the same date
    # its pick is unspecified; the cheapest DGX row of the earliest date is
    # the one that matches the V100 cells (the DGXS's $17,250, not the
    # DGX-1's $18,625)
    dgx = [p for p in cands if "DGX" in p["Notes"]]
    if dgx:
        first = date(dgx[0]["Price date"])
        row = min((p for p in dgx if date(p["Price date"]) == first),
                  key=lambda p: num(p["Price (hardware purchase)"]))
    else:
        row = cands[0]
    release = date(chip["Release date"])
    if release is None:
        return None
    avail = max(release + dt.timedelta(days=90), date(row["Price date"]))
    sf = server_overhead(hw) if "single-unit" in row["Notes"].lower() else 1.0
    return num(row["Price (hardware purchase)"]), avail, sf


def start_of(r, pub):
    m = r["Model"]
    hours = num(r["Training time (hours)"])
    if "Gemini 1.0 Ultra" in m:
        return dt.date(2023, 5, 10)
    if m == "GPT-4":
        return dt.date(2022, 8, 15) - dt.timedelta(hours=int(hours))
    if "GPT-3.5" in m:
        return dt.date(2022, 3, 14)
    if "GPT-3" in m:
        return dt.date(2019, 10, 1)
    t = dt.timedelta(hours=int(hours)) if hours else dt.timedelta(days=793.5 / 24)
    return pub - (t + dt.timedelta(days=60))


def chip_hours(r, chip, hw):
    ch = num(r["Training chip-hours"])
    if ch:
        return ch
    q, h = num(r["Hardware quantity"]), num(r["Training time (hours)"])
    if q and h:
        return q * h
    flop = num(r["Training compute (FLOP)"])
    peak = None
    if "TPU v1" in hw:
        peak = num(chip["INT8 performance (OP/s)"])
    else:
        for col in ["Tensor-FP16/BF16 performance (FLOP/s)", "TF32 (TensorFloat-32) performance (FLOP/s)",
                    "FP16 (half precision) performance (FLOP/s)", "FP32 (single precision) performance (FLOP/s)"]:
            if col.startswith("FP16") and "TPU" not in hw:
                continue
            peak = num(chip[col])
            if peak:
                break
    if not flop or not peak:
        return None
    mfu = num(r["Hardware utilization (MFU)"]) or 0.375
    return flop / (peak * mfu) / 3600


def scenario(r, chips, prices, index):
    hw = r["Training hardware"].strip()
    if not hw or "," in hw or r["Base model"].strip():
        return None, "several chips, none, or a fine-tune"
    chip = chips.get(hw)
    pub = date(r["Publication date"])
    cell = num(r["Training compute cost (2023 USD)"])
    if chip is None or pub is None:
        return None, "chip not in the chip dataset"
    p = price_of(hw, chip, prices)
    if p is None:
        return None, "no purchase price by Epoch's rules"
    price, avail, sf = p
    start = start_of(r, pub)
    if "TPU" not in hw and start < avail:
        start = avail
    ch = chip_hours(r, chip, hw)
    tdp = num(chip["TDP (W)"]) or (373 if "TPU v4" in hw else None)
    if not ch or not tdp or pub.year not in ENERGY:
        return None, "no chip-hours, TDP or electricity price"
    age = (start - avail).days / 365.25
    power = tdp * chip_to_server(hw) * (0.43 if "TPU" in hw else 0.75)
    pue = 1.1 if any(h in r["Organization"].lower() for h in HYPERSCALERS) else 1.25
    month = pub.strftime("%Y-%m")
    claim = cell * index[month] / index["2023-12"]
    return {
        "id": "row-" + "".join(c if c.isalnum() else "-" for c in r["Model"])[:60],
        "title": r["Model"], "kind": "training",
        "inputs": {"gpus": 1, "gpu_hours": ch, "gpu_price_usd": price, "server_factor": sf,
                   "hardware_age_years": age if age > 0 else 1e-9, "power_w": power, "pue": pue,
                   "electricity_usd_per_kwh": ENERGY[pub.year]},
        "claims": [{"quantity": "owned_cost_usd", "value": claim, "tolerance": 0.01,
                    "source": "Epoch AI record: %s, %s in %s dollars" % (r["Model"], r["Training compute cost (2023 USD)"], month)}],
        "sources": [{"title": "Epoch AI, All ML Systems - full view.csv, row " + r["Model"],
                     "url": "https://epoch.ai/data/notable-ai-models", "quote": r["Model"],
                     "fields": ["inputs.gpus"]}],
        "estimates": {"inputs.gpu_price_usd": "Epoch's rules, tests/epoch/record_costs.py"},
    }, None


def check(gpucost, folder):
    """{scenario id: relative error} of every claim gpucost checks in folder."""
    res = subprocess.run([gpucost, "check", folder, "--format", "json"], capture_output=True, text=True)
    errs = {}
    def walk(x):
        if isinstance(x, dict):
            if "rel_error" in x and "status" in x:
                errs[x.get("scenario", "")] = x["rel_error"]
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(json.loads(res.stdout))
    return errs


def write(folder, s):
    with open(os.path.join(folder, s["id"] + ".json"), "w") as f:
        json.dump(s, f, indent=1)


def tally(errs):
    print("within 1%%: %d of %d tested" % (sum(abs(e) <= 0.01 for e in errs), len(errs)))
    for lim in (0.001, 0.05, 0.10, 0.5):
        print("within %g%%: %d" % (lim * 100, sum(abs(e) <= lim for e in errs)))


def main():
    gpucost, data = sys.argv[1], sys.argv[2]
    out = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp()
    earlier_dir = os.path.join(out, "earlier")
    os.makedirs(earlier_dir, exist_ok=True)
    chips = {c["Hardware name"]: c for c in rows(os.path.join(data, "Chip dataset-Grid view.csv"))}
    prices = rows(os.path.join(data, "Hardware prices.csv"))
    index = {r["observation_date"][:7]: float(r["PCU518210518210"]) for r in rows(os.path.join(data, "PCU518210518210.csv"))}
    record = rows(os.path.join(os.path.dirname(__file__), "..", "..", "models", "record", "All ML Systems - full view.csv"))
    cells = [r for r in record if num(r["Training compute cost (2023 USD)"])]
    skipped, made, then = {}, 0, {}
    for i, r in enumerate(cells):
        s, why = scenario(r, chips, prices, index)
        if s is None:
            skipped[why] = skipped.get(why, 0) + 1
            continue
        s["id"] = "%03d-%s" % (i, s["id"])
        write(out, s)
        made += 1
        if r["Model"] in EARLIER:
            e, _ = scenario(dict(r, **EARLIER[r["Model"]]), chips, prices, index)
            e["id"] = then[r["Model"]] = s["id"]
            write(earlier_dir, e)
    errs = check(gpucost, out)
    print("cost cells: %d; tested: %d; skipped: %s" % (len(cells), made, skipped))
    tally(errs.values())
    for k in sorted(errs, key=lambda k: -abs(errs[k])):
        print("%-60s %+8.2f%%" % (k, 100 * errs[k]))
    fixed = check(gpucost, earlier_dir)
    print("\nwith the values of Epoch's 2024-02-05 snapshot where the cell is older than the row:")
    for m, k in then.items():
        print("%-60s %+8.2f%% -> %+8.2f%%  (%s)" % (m, 100 * errs[k], 100 * fixed[k],
                                                 ", ".join("%s %s" % kv for kv in EARLIER[m].items())))
    tally(dict(errs, **fixed).values())


if __name__ == "__main__":
    main()
