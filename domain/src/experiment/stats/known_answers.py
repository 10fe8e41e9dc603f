"""Known answers for the experiment statistics tests (known_answers_tests.rs), from scipy.

Run outside the repository's build, in a throwaway virtual environment:

    python3 -m venv /tmp/sci && /tmp/sci/bin/pip install scipy numpy
    /tmp/sci/bin/python domain/src/experiment/stats/known_answers.py

The numbers the tests use are pasted into known_answers_tests.rs under the names printed here
(the two tables at the end as T_QUANTILES and T_TAILS). The Rust code is not consulted: each
formula below is written from its textbook statement or delegated to scipy
(ttest_ind_from_stats, t.ppf, t.sf, t.interval, norm.cdf, norm.ppf, chisquare).
"""

import math

import numpy as np
from scipy import stats


def show(name, value):
    print(f"{name} = {float(value)!r}")


def welch(name, n_t, m_t, v_t, n_c, m_c, v_c, level=0.95, lower_is_better=False):
    """Welch's test, relative lift (delta method) and chance to beat control."""
    a, b = v_t / n_t, v_c / n_c
    se = math.sqrt(a + b)
    d = m_t - m_c
    df = (a + b) ** 2 / (a**2 / (n_t - 1) + b**2 / (n_c - 1))
    t = d / se
    p = 2 * stats.t.sf(abs(t), df)
    q = stats.t.ppf(1 - (1 - level) / 2, df)
    r = d / m_c
    se_r = math.sqrt(v_t / (n_t * m_c**2) + m_t**2 * v_c / (n_c * m_c**4))
    sign = -1 if lower_is_better else 1
    show(f"{name}_T", t)
    show(f"{name}_DF", df)
    show(f"{name}_P", p)
    show(f"{name}_SE", se)
    show(f"{name}_CI_LOWER", d - q * se)
    show(f"{name}_CI_UPPER", d + q * se)
    show(f"{name}_REL", r)
    show(f"{name}_REL_CI_LOWER", r - q * se_r)
    show(f"{name}_REL_CI_UPPER", r + q * se_r)
    show(f"{name}_CHANCE", stats.norm.cdf(sign * d / se))
    return d, se, n_t + n_c


print("# mean metric: control n=1000 mean 10 sd 2; treatment n=1100 mean 10.3 sd 2.5")
res = stats.ttest_ind_from_stats(10.3, 2.5, 1100, 10.0, 2.0, 1000, equal_var=False)
show("SCIPY_WELCH_T", res.statistic)
show("SCIPY_WELCH_P", res.pvalue)
mean_case = welch("MEAN", 1100, 10.3, 2.5**2, 1000, 10.0, 2.0**2)
q = stats.t.ppf(0.975, 999)
show("MEAN_CONTROL_CI_LOWER", 10.0 - q * 2.0 / math.sqrt(1000))
show("MEAN_CONTROL_CI_UPPER", 10.0 + q * 2.0 / math.sqrt(1000))

print("# same data at 90% confidence, lower is better")
welch("MEAN90", 1100, 10.3, 2.5**2, 1000, 10.0, 2.0**2, level=0.90, lower_is_better=True)

print("# proportion metric: control 1000/10000, treatment 1100/10000 (v = p(1-p))")
welch("PROP", 10000, 0.11, 0.11 * 0.89, 10000, 0.10, 0.10 * 0.90)
z = stats.norm.ppf(0.975)
half = z * math.sqrt(0.1 * 0.9 / 10000)
show("PROP_CONTROL_CI_LOWER", 0.1 - half)
show("PROP_CONTROL_CI_UPPER", 0.1 + half)

print("# small sample: 2.0, 4.0, 9.0 (t interval with 2 df)")
x = np.array([2.0, 4.0, 9.0])
ci = stats.t.interval(0.95, 2, loc=x.mean(), scale=x.std(ddof=1) / math.sqrt(3))
show("SMALL_CI_LOWER", ci[0])
show("SMALL_CI_UPPER", ci[1])

print("# Holm-Bonferroni, written out: sort, scale by (m - rank), running max, cap at 1")


def holm(p):
    p = np.asarray(p)
    order = np.argsort(p, kind="stable")
    m = len(p)
    adjusted = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return adjusted


for name, p in [("HOLM3", [0.01, 0.04, 0.03]), ("HOLM4", [0.2, 0.001, 0.04, 0.5])]:
    print(f"{name} = {[float(v) for v in holm(p)]!r}")

print("# sample-ratio check, scipy.stats.chisquare")
for name, observed, weights in [
    ("SRM_BALANCED", [5000, 5000], [0.5, 0.5]),
    ("SRM_SLIGHT", [5000, 4850], [0.5, 0.5]),
    ("SRM_MISMATCH", [5000, 4600], [0.5, 0.5]),
    ("SRM_THREE", [5020, 2990, 1990], [0.5, 0.3, 0.2]),
]:
    expected = np.array(weights) * sum(observed)
    res = stats.chisquare(observed, expected)
    show(f"{name}_CHI", res.statistic)
    show(f"{name}_P", res.pvalue)

print("# confidence sequence (Waudby-Smith et al. 2024, Theorem 2.2), alpha 0.05, N* 5000")


def sequence(d, se, total, alpha=0.05, tuning=5000.0):
    rho2 = (-2 * math.log(alpha) + math.log(-2 * math.log(alpha) + 1)) / tuning
    sigma = math.sqrt(total) * se
    half = sigma * math.sqrt(
        2 * (total * rho2 + 1) / (total**2 * rho2) * math.log(math.sqrt(total * rho2 + 1) / alpha)
    )
    # smallest alpha' whose sequence (same rho) excludes 0
    p = min(1.0, math.sqrt(total * rho2 + 1) * math.exp(-((d / se) ** 2) * total * rho2 / (2 * (total * rho2 + 1))))
    return half, p


d, se, total = mean_case
half, p = sequence(d, se, total)
show("SEQ_MEAN_HALF_WIDTH", half)
show("SEQ_MEAN_P", p)
half, p = sequence(d, se, total, tuning=2 * 20000)
show("SEQ_MEAN_TUNED_HALF_WIDTH", half)
print("# half-widths for two variants of standard deviation 1 and total/2 values each")
for total in [200, 2000, 20000, 200000]:
    show(f"SEQ_HALF_WIDTH_{total}", sequence(0.0, 2 / math.sqrt(total), total)[0])

print("# Student's t quantiles (scipy t.ppf): (df, p, quantile)")
for df in [1, 2, 5, 30, 1000, 99999, 1e6, 1e8, 1e12]:
    for p in [0.95, 0.975, 0.9995]:
        print(f"({float(df)!r}, {p!r}, {float(stats.t.ppf(p, df))!r}),")

print("# Student's t upper tails (scipy t.sf): (df, t, tail)")
for df in [5, 2065.1163536647196, 50000, 1e5, 1e8, 1e12]:
    for t in [0.5, 1.96, 5.0, 10.0]:
        print(f"({float(df)!r}, {t!r}, {float(stats.t.sf(t, df))!r}),")
