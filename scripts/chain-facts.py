#!/usr/bin/env python3
"""Writes the chain facts, for each UTC day the blocks mined and the difficulty in force, from
the shared real data (see www/data/README.md for provenance): www/data/kazakhstan-2022-chain.csv
(the demo article's window) and www/data/chain-history.csv (every day of the shared data, for
the chart maker). Standard library only.

    python3 scripts/chain-facts.py        (make demo-data runs it; needs ../shared/data)

Newer shared files (a longer btc_hashrate_daily_*.csv, a newer btc_difficulty_epochs.csv)
refresh both in the same one command.
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
# The first epoch (heights 0 to 2015) is not in the file: it ran at difficulty 1, the genesis
# block's nbits 0x1d00ffff (the protocol's minimum), from the genesis block's time.
if epochs[0][0] > utc("2009-01-03T18:15:05Z"):
    epochs.insert(0, (utc("2009-01-03T18:15:05Z"), "1.00"))
starts = [e[0] for e in epochs]

every = []
with daily_path.open() as f:
    for r in csv.DictReader(f):
        day = r["date_utc"]
        # The difficulty in force at noon UTC: on a retarget day, the one most of it ran under.
        noon = utc(f"{day}T12:00:00Z")
        index = bisect.bisect_right(starts, noon) - 1
        if index < 0 or not r["blocks"]:
            continue  # before the first epoch's start, or no count: not a fact we have
        every.append((day, r["blocks"], epochs[index][1]))


def write(name, rows):
    out = root / "www" / "data" / name
    with out.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date_utc", "blocks", "difficulty"])
        w.writerows(rows)
    print(f"{out.relative_to(root)}: {len(rows)} days, {rows[0][0]} to {rows[-1][0]}")


write("kazakhstan-2022-chain.csv", [r for r in every if FIRST <= r[0] <= LAST])
write("chain-history.csv", every)
