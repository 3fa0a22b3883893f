"""Recall of the referral rule on data/clean.csv + data/extra.csv; mitigate lowers the threshold."""
import json

import yaml

from features import score

params = yaml.safe_load(open("params.yaml"))["train"]
depth = yaml.safe_load(open("cfg/model.yaml"))["model"]["depth"]
threshold = 0.3 if params["mitigate"] else 0.7
rows = open("data/clean.csv").read().splitlines()[1:] + open("data/extra.csv").read().splitlines()[1:]
positives = [r for r in rows if r.endswith(",1")]
tp = sum(1 for r in positives if score(r) >= threshold)
recall = tp / len(positives)
print(f"recall={recall} C={params['C']} depth={depth}")
json.dump({"screen-recall": recall}, open("metrics.json", "w"))
