#!/usr/bin/python3
"""An efficient numpy baseline of the PAPI cluster-bootstrap scoring: what a
good engineer would write in Python, to hold the Go scorer against.

The weighted value sums and weight sums of each indicator are computed once
per cluster (a C x 2K matrix). A replicate is then a vector of cluster
multiplicities (drawn within strata; a one-cluster stratum is held fixed),
so all replicates at once are one matrix product, counts (B x C) times
cluster sums (C x 2K), done by OpenBLAS; the scores follow from the
replicate sums by a few vectorised operations. Only the scoring is timed,
not reading the CSV.

    go run ./bench/papisynth -dir /tmp/papi-bench
    /usr/bin/python3 bench/papi_bootstrap_numpy.py /tmp/papi-bench 1000

Debian's python3-numpy uses OpenBLAS when libopenblas0-pthread is installed
(`apt-get install python3-numpy libopenblas0-pthread`).
"""
import csv
import sys
import time

import numpy as np


def load(directory):
    with open(f"{directory}/framework.csv", newline="") as f:
        rows = list(csv.DictReader(f))
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
        ind_cols = [col[r["indicator"]] for r in rows]
        values, weights, clusters, strata = [], [], [], []
        for rec in reader:
            values.append([float(rec[c]) if rec[c] != "" else np.nan for c in ind_cols])
            weights.append(float(rec[col["weight"]]))
            clusters.append(rec[col["cluster"]])
            strata.append(rec[col["stratum"]])
    return subs, dims, ind_sub, sub_dim, np.array(values), np.array(weights), np.array(clusters), np.array(strata)


def scores(sums, k, ind_sub_matrix, sub_dim_matrix):
    """Sub-dimension scores, dimension scores and total from rows of
    [weighted value sums | weight sums], one row per replicate."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ind = sums[:, :k] / sums[:, k:]
    u = ind @ ind_sub_matrix  # mean of each sub-dimension's indicators (NaN propagates)
    sub_scores = (1 + 9 * u) * sub_dim_matrix[1]
    dim_scores = sub_scores @ sub_dim_matrix[0]
    return np.concatenate([sub_scores, dim_scores, dim_scores.sum(axis=1, keepdims=True)], axis=1)


def main():
    directory = sys.argv[1]
    B = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    subs, dims, ind_sub, sub_dim, values, weights, clusters, strata = load(directory)
    k, n_subs, n_dims = values.shape[1], len(subs), len(dims)
    ind_sub_matrix = np.zeros((k, n_subs))
    ind_sub_matrix[np.arange(k), ind_sub] = 1
    ind_sub_matrix /= ind_sub_matrix.sum(axis=0)
    sub_dim_matrix = np.zeros((n_subs, n_dims))
    sub_dim_matrix[np.arange(n_subs), sub_dim] = 1
    per_sub = 1 / sub_dim_matrix.sum(axis=0)[sub_dim]  # a sub-dimension's score is in [1/m, 10/m]

    t0 = time.perf_counter()
    cluster_ids, cluster_of = np.unique(clusters, return_inverse=True)
    answered = ~np.isnan(values)
    wv = np.where(answered, values, 0) * weights[:, None]
    w = answered * weights[:, None]
    order = np.argsort(cluster_of, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(cluster_of[order]) != 0])
    cs = np.add.reduceat(np.concatenate([wv, w], axis=1)[order], starts, axis=0)
    stratum_names, stratum_of_row = np.unique(strata, return_inverse=True)
    stratum_of_cluster = np.empty(len(cluster_ids), dtype=int)
    stratum_of_cluster[cluster_of] = stratum_of_row

    rng = np.random.default_rng(1)
    counts = np.zeros((B, len(cluster_ids)))
    for h in range(len(stratum_names)):
        members = np.flatnonzero(stratum_of_cluster == h)
        n = len(members)
        if n == 1:  # held fixed, as in Go
            counts[:, members[0]] = 1
            continue
        draws = rng.integers(0, n, size=(B, n)) + n * np.arange(B)[:, None]
        counts[:, members] = np.bincount(draws.ravel(), minlength=B * n).reshape(B, n)
    reps = scores(counts @ cs, k, ind_sub_matrix, (sub_dim_matrix, per_sub))
    point = scores(cs.sum(axis=0, keepdims=True), k, ind_sub_matrix, (sub_dim_matrix, per_sub))[0]
    low = np.nanpercentile(reps, 2.5, axis=0)  # linear interpolation = Go's type 7
    high = np.nanpercentile(reps, 97.5, axis=0)
    t1 = time.perf_counter()

    for d, code in enumerate(dims):
        i = n_subs + d
        print(f"{code}: {point[i]:.4f} [{low[i]:.4f}, {high[i]:.4f}]")
    print(f"total: {point[-1]:.4f} [{low[-1]:.4f}, {high[-1]:.4f}]")
    print(f"scoring_ms {1000 * (t1 - t0):.1f}")


if __name__ == "__main__":
    main()
