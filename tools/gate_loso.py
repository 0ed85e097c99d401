#!/usr/bin/env python3
"""Would a learned answer gate beat the hand-set one? Leave-one-incident-out.

For each incident set, fits a logistic regression on the matcher's features
(examples/match_features.rs) of every *other* set except flood (flood is never
trained on), picks the probability threshold that keeps training wrong
answers <= 1.5% and unmatched answered <= 3%, and scores the held-out set
against the current gate (the decision's own action, in the dump).
Also prints the ranking ceiling: the share of answerable messages whose
right entry is first at all (no gate can answer right more often).

    mkdir -p /tmp/feat
    X=$CARGO_TARGET_DIR/release/examples/match_features
    $X ../shared/eval/flood/faq ../shared/eval/flood/cases.jsonl > /tmp/feat/flood.jsonl
    $X faq tests/data/wildfire-cases.jsonl > /tmp/feat/wildfire.jsonl
    for s in verglas chlore canicule ...; do
        $X tests/data/$s tests/data/$s-cases.jsonl > /tmp/feat/$s.jsonl; done
    python3 tools/gate_loso.py /tmp/feat        # needs numpy

Figures are over the messages that reach the matcher (triage decided none).
"""
import json
import math
import os
import sys

import numpy as np

WRONG_TARGET, UNMATCHED_TARGET = 1.5, 3.0


def load(directory):
    return {
        name[: -len(".jsonl")]: [json.loads(line) for line in open(os.path.join(directory, name)) if line.strip()]
        for name in sorted(os.listdir(directory))
        if name.endswith(".jsonl")
    }


def features(row):
    c = row["candidates"] + [{"s": 0.0, "mc": 0.0, "qc": 0.0}] * 3
    s1, s2, s3 = c[0]["s"], c[1]["s"], c[2]["s"]
    unknown = row["unknown"] / row["total"] if row["total"] > 0 else 1.0
    return [s1, s1 - s2, s2 - s3, c[0]["mc"], c[0]["qc"], c[1]["mc"], unknown,
            math.log1p(row["n"]), s1 * c[0]["mc"], min(s1 - s2, 0.3)]


def first_is_right(row):
    expect, c = row["expect"], row["candidates"]
    return int(expect.startswith("answer:") and bool(c) and c[0]["entry"] == expect[len("answer:"):])


def current_gate(row):
    """What the decision did: the hand-set gate, as match_features dumps it."""
    return row["action"] == "answer"


def score(rows, gate):
    """(answered right %, answered wrong %, unmatched answered %, top-1 %)."""
    answerable = [r for r in rows if r["expect"].startswith("answer:")]
    unmatched = [r for r in rows if r["expect"] == "unmatched"]
    right = sum(1 for r in answerable if gate(r) and first_is_right(r))
    wrong = sum(1 for r in answerable if gate(r) and not first_is_right(r))
    answered = sum(1 for r in unmatched if gate(r))
    top1 = sum(first_is_right(r) for r in answerable)
    pct = lambda n, d: 100.0 * n / max(1, len(d))
    return pct(right, answerable), pct(wrong, answerable), pct(answered, unmatched), pct(top1, answerable)


def within_targets(scored):
    return scored[1] <= WRONG_TARGET and scored[2] <= UNMATCHED_TARGET


def fit(rows, l2=1e-2, steps=3000, rate=0.5):
    x = np.array([features(r) for r in rows])
    y = np.array([first_is_right(r) for r in rows])
    mean, spread = x.mean(0), x.std(0) + 1e-6
    z = np.hstack([(x - mean) / spread, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        w -= rate * (z.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0])
    return lambda row: 1 / (1 + np.exp(-(np.r_[(np.array(features(row)) - mean) / spread, 1] @ w)))


def main():
    sets = load(sys.argv[1])
    print(f"{'set':<14} {'top-1':>6}   current right/wrong/unm-ans   learned right/wrong/unm-ans   threshold")
    for held in sets:
        train = [r for name, rows in sets.items() if name not in (held, "flood") for r in rows]
        model = fit(train)
        threshold = next((t for t in np.arange(0.30, 0.99, 0.01) if within_targets(score(train, lambda r, t=t: model(r) >= t))), 0.99)
        now = score(sets[held], current_gate)
        learned = score(sets[held], lambda r: model(r) >= threshold)
        print(f"{held:<14} {now[3]:6.1f}   {now[0]:5.1f} / {now[1]:4.1f} / {now[2]:4.1f}            "
              f"{learned[0]:5.1f} / {learned[1]:4.1f} / {learned[2]:4.1f}           {threshold:.2f}")


if __name__ == "__main__":
    main()
