"""The benchmark's reference model in numpy: cost = gpu_hours x price,
both 90% lognormal intervals, mean and p5/p50/p95.  Whole-process timing
includes interpreter start and `import numpy`, as a user would run it."""
import sys

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
Z90 = 1.6448536269514722
rng = np.random.default_rng(7)


def lognormal90(lo, hi, size):
    mu = (np.log(lo) + np.log(hi)) / 2
    sigma = (np.log(hi) - np.log(lo)) / (2 * Z90)
    return rng.lognormal(mu, sigma, size)


cost = lognormal90(2.5e6, 3.1e6, n) * lognormal90(1.5, 3.5, n)
p5, p50, p95 = np.percentile(cost, [5, 50, 95])
print(f"mean {cost.mean():.6g} p5 {p5:.6g} p50 {p50:.6g} p95 {p95:.6g}")
