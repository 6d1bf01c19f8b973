#!/usr/bin/env python3
"""Writes www/data/kazakhstan-2022-chain.csv: for each UTC day of the demo article's window, the
blocks mined that day and the difficulty in force, from the shared real data (see
www/data/README.md for provenance). Standard library only.

    python3 scripts/chain-facts.py        (make demo-data runs it; needs ../shared/data)
"""
import bisect
import csv
import sys
from datetime import datetime, timezone
from pathlib import Path

FIRST, LAST = "2021-12-01", "2022-02-15"
root = Path(__file__).resolve().parent.parent
shared = root.parent / "shared" / "data"
daily_path = shared / "btc_hashrate_daily_2009-2025.csv"
epochs_path = shared / "btc_difficulty_epochs.csv"
for path in (daily_path, epochs_path):
    if not path.exists():
        sys.exit(f"chain-facts: {path} is absent (the shared real data, see its README)")


def utc(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


with epochs_path.open() as f:
    epochs = [(utc(r["epoch_start_utc"]), r["difficulty"]) for r in csv.DictReader(f)]
starts = [e[0] for e in epochs]

rows = []
with daily_path.open() as f:
    for r in csv.DictReader(f):
        day = r["date_utc"]
        if FIRST <= day <= LAST:
            # The difficulty in force at noon UTC: on a retarget day, the one most of it ran under.
            noon = utc(f"{day}T12:00:00Z")
            difficulty = epochs[bisect.bisect_right(starts, noon) - 1][1]
            rows.append((day, r["blocks"], difficulty))

out = root / "www" / "data" / "kazakhstan-2022-chain.csv"
with out.open("w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["date_utc", "blocks", "difficulty"])
    w.writerows(rows)
print(f"{out.relative_to(root)}: {len(rows)} days, {FIRST} to {LAST}")
