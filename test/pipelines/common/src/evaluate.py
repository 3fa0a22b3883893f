"""Tiny screening model for sei's end-to-end tests: recall of a score threshold on a small CSV.

Plain Python (no heavy imports) so each reproduction takes well under a second. The threshold comes
from params.yaml (`threshold: 0.7` is the untreated model, `0.3` the treatment), so a one-line
parameter commit turns the gate from red to green, as in the reference's retina demo.
"""
import csv
import json
import os
import sys

here = os.getcwd()
params = {}
with open(os.path.join(here, "params.yaml"), encoding="utf-8") as f:
    for line in f:
        if ":" in line and not line.lstrip().startswith("#"):
            key, value = line.split(":", 1)
            params[key.strip()] = value.strip()
threshold = float(params["threshold"])

with open(os.path.join(here, "data", "screening.csv"), newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
positives = [r for r in rows if r["label"] == "1"]
negatives = [r for r in rows if r["label"] == "0"]
tp = sum(1 for r in positives if float(r["score"]) >= threshold)
fp = sum(1 for r in negatives if float(r["score"]) >= threshold)
recall = tp / len(positives)
fpr = fp / len(negatives)

with open(os.path.join(here, "metrics.json"), "w", encoding="utf-8") as f:
    json.dump({"screen-recall": recall, "screen-fpr": fpr}, f, indent=2)
print(f"recall={recall} fpr={fpr} threshold={threshold}", file=sys.stderr)
