"""Known answers for the run comparison tests (known_answers_tests.rs), from scipy.

Run outside the repository's build, in a throwaway virtual environment:

    python3 -m venv /tmp/sci2 && /tmp/sci2/bin/pip install scipy numpy
    /tmp/sci2/bin/python domain/src/eval/compare/known_answers.py

The numbers the tests use are pasted into known_answers_tests.rs under the names printed here.
The Rust code is not consulted: every figure comes from scipy (binomtest, ttest_rel, t.ppf,
wilcoxon) or from numpy on the same data. The data sets come from a 32-bit linear
congruential generator whose outputs divided by 2^32 are exact doubles, so the Rust tests
rebuild exactly the same values.
"""

import math

import numpy as np
from scipy import stats


def show(name, value):
    print(f"const {name}: f64 = {float(value)!r};")


def lcg(seed):
    """x <- (1664525 x + 1013904223) mod 2^32, yielding x / 2^32 in [0, 1)."""
    x = seed
    while True:
        x = (1664525 * x + 1013904223) % 2**32
        yield x / 2**32


def take(gen, n):
    return [next(gen) for _ in range(n)]


print("// McNemar's exact test: binomtest(min(b, c), b + c, 0.5), two-sided.")
for b, c in [(5, 1), (1, 5), (3, 3), (12, 4), (0, 7), (40, 25), (480, 560), (5000, 5200), (2, 0)]:
    show(f"MCNEMAR_{b}_{c}", stats.binomtest(min(b, c), b + c, 0.5).pvalue)


def paired(name, base, cand, levels=(0.95, 0.90), rounded=False):
    base = np.array(base, dtype=float)
    cand = np.array(cand, dtype=float)
    d = cand - base
    if rounded:
        # The Rust side treats differences equal to 1e-12 of the scores as equal; on these
        # data rounding to 12 decimals groups exactly the same values.
        d = np.round(d, 12)
    n = len(d)
    res = stats.ttest_rel(cand, base) if not rounded else stats.ttest_1samp(d, 0.0)
    show(f"{name}_MEAN_CHANGE", d.mean())
    show(f"{name}_T", res.statistic)
    show(f"{name}_T_P", res.pvalue)
    se = d.std(ddof=1) / math.sqrt(n)
    for level in levels:
        q = stats.t.ppf(1 - (1 - level) / 2, n - 1)
        tag = int(round(level * 100))
        show(f"{name}_CI{tag}_LOWER", d.mean() - q * se)
        show(f"{name}_CI{tag}_UPPER", d.mean() + q * se)
    w = stats.wilcoxon(d, zero_method="wilcox", correction=True, method="approx")
    show(f"{name}_W", w.statistic)
    show(f"{name}_W_P", w.pvalue)
    show(f"{name}_W_N", np.count_nonzero(d))


print("// A: 30 continuous scores (seed 1 base, seed 2 candidate).")
paired("A", take(lcg(1), 30), take(lcg(2), 30))

print("// B: 200 pass/fail scores, many ties and zeros: 1 when the draw is below 0.6 / 0.7.")
b_base = [1.0 if u < 0.6 else 0.0 for u in take(lcg(3), 200)]
b_cand = [1.0 if u < 0.7 else 0.0 for u in take(lcg(4), 200)]
paired("B", b_base, b_cand)
b = sum(1 for x, y in zip(b_base, b_cand) if x == 1 and y == 0)
c = sum(1 for x, y in zip(b_base, b_cand) if x == 0 and y == 1)
show("B_MCNEMAR_B", b)
show("B_MCNEMAR_C", c)
show("B_MCNEMAR_P", stats.binomtest(min(b, c), b + c, 0.5).pvalue)
show("B_BASE_PASS_RATE", np.mean(b_base))
show("B_CANDIDATE_PASS_RATE", np.mean(b_cand))

print("// C: 60 judge scores in tenths, floor(11 u) / 10; differences rounded to 12 decimals.")
c_base = [math.floor(11 * u) / 10 for u in take(lcg(5), 60)]
c_cand = [math.floor(11 * u) / 10 for u in take(lcg(6), 60)]
paired("C", c_base, c_cand, rounded=True)

print("// D: 50 latencies in ms: base 200 + floor(600 u), candidate base + floor(100 v) - 60.")
d_base = [200 + math.floor(600 * u) for u in take(lcg(7), 50)]
d_cand = [x + math.floor(100 * v) - 60 for x, v in zip(d_base, take(lcg(8), 50))]
paired("D", d_base, d_cand)

print("// E: 12 scores where the candidate adds a small shift: base u, candidate u + (v - 0.3) / 4.")
e_base = take(lcg(9), 12)
e_cand = [x + (v - 0.3) / 4 for x, v in zip(e_base, take(lcg(10), 12))]
paired("E", e_base, e_cand)
