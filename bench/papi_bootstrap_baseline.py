#!/usr/bin/python3
"""Straightforward baseline of the PAPI cluster-bootstrap scoring, for the
speed comparison required by issue 5 (Go must be at least 10x faster).

It computes what papi.ScoreSurvey computes, plainly: for each replicate, draw
clusters with replacement within strata, gather their respondents, and
recompute every weighted indicator mean, sub-dimension and dimension score
from the respondent rows. Strata with one cluster are held fixed, as in Go.

Run with Debian's numpy (the pyenv python3 on PATH has none):

    go run ./bench/papisynth -dir /tmp/papi-bench
    /usr/bin/python3 bench/papi_bootstrap_baseline.py /tmp/papi-bench 1000
"""
import csv
import sys
import time

import numpy as np


def load(directory):
    with open(f"{directory}/framework.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    indicators = [r["indicator"] for r in rows]
    subs, dims = [], []
    for r in rows:
        if r["subdimension"] not in subs:
            subs.append(r["subdimension"])
        if r["dimension"] not in dims:
            dims.append(r["dimension"])
    ind_sub = np.array([subs.index(r["subdimension"]) for r in rows])
    sub_dim = np.array([dims.index(next(r["dimension"] for r in rows if r["subdimension"] == s)) for s in subs])

    with open(f"{directory}/responses.csv", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        col = {h: i for i, h in enumerate(header)}
        ind_cols = [col[i] for i in indicators]
        values, weights, clusters, strata = [], [], [], []
        for rec in reader:
            values.append([float(rec[c]) if rec[c] != "" else np.nan for c in ind_cols])
            weights.append(float(rec[col["weight"]]))
            clusters.append(rec[col["cluster"]])
            strata.append(rec[col["stratum"]])
    return (indicators, subs, dims, ind_sub, sub_dim,
            np.array(values), np.array(weights), np.array(clusters), np.array(strata))


def score(values, weights, ind_sub, sub_dim, n_subs, n_dims):
    """Sub-dimension scores, dimension scores and total for one set of rows."""
    answered = ~np.isnan(values)
    w = weights[:, None] * answered
    ind = np.nansum(values * weights[:, None], axis=0) / w.sum(axis=0)
    u = np.array([ind[ind_sub == s].mean() for s in range(n_subs)])
    m = np.bincount(sub_dim, minlength=n_dims)
    sub_scores = (1 + 9 * u) / m[sub_dim]
    dim_scores = np.array([sub_scores[sub_dim == d].sum() for d in range(n_dims)])
    return np.concatenate([sub_scores, dim_scores, [dim_scores.sum()]])


def main():
    directory = sys.argv[1]
    B = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    t0 = time.perf_counter()
    indicators, subs, dims, ind_sub, sub_dim, values, weights, clusters, strata = load(directory)
    t1 = time.perf_counter()

    # Respondent rows of each cluster, and the clusters of each stratum.
    members = {c: np.flatnonzero(clusters == c) for c in np.unique(clusters)}
    by_stratum = {}
    for c in members:
        by_stratum.setdefault(strata[members[c][0]], []).append(c)

    point = score(values, weights, ind_sub, sub_dim, len(subs), len(dims))
    rng = np.random.default_rng(1)
    reps = np.empty((B, len(point)))
    for b in range(B):
        rows = []
        for h, cs in by_stratum.items():
            if len(cs) == 1:  # held fixed, as in Go
                rows.append(members[cs[0]])
                continue
            for c in rng.choice(len(cs), size=len(cs), replace=True):
                rows.append(members[cs[c]])
        idx = np.concatenate(rows)
        reps[b] = score(values[idx], weights[idx], ind_sub, sub_dim, len(subs), len(dims))
    low = np.percentile(reps, 2.5, axis=0)   # linear interpolation = Go's type 7
    high = np.percentile(reps, 97.5, axis=0)
    t2 = time.perf_counter()

    n_subs = len(subs)
    for d, code in enumerate(dims):
        i = n_subs + d
        print(f"{code}: {point[i]:.4f} [{low[i]:.4f}, {high[i]:.4f}]")
    print(f"total: {point[-1]:.4f} [{low[-1]:.4f}, {high[-1]:.4f}]")
    print(f"load {t1 - t0:.2f} s; scoring with B={B} bootstrap: {t2 - t1:.2f} s")


if __name__ == "__main__":
    main()
