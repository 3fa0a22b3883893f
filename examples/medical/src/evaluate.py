"""Sepsis early-warning system of the medical example, evaluated on data/wards.csv.

The model (logistic regression on vital signs and lactate) raises an alert above a score of 0.5.
params.yaml `human_review: false` is V1: the model alone decides (no alert = no escalation). The
treatment is human oversight on the loop (EU AI Act Art. 14): with `human_review: true` every
admission whose score falls in the uncertain band [0.15, 0.5) is shown to the ward clinician, who
escalates it after examining the patient. The clinician's examination is simulated (seeded): it
recognises sepsis in 90 % of the reviewed septic patients and escalates 5 % of the others.
Writes metrics.json: the recall of the whole human+model system (the gate) and the review workload.
"""
import json
import sys

import numpy as np
import pandas as pd
import yaml
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

params = yaml.safe_load(open("params.yaml", encoding="utf-8"))
SEED = int(params.get("seed", 42))
review = bool(params["human_review"])
data = pd.read_csv("data/wards.csv")
features = ["age", "heart_rate", "resp_rate", "temperature", "lactate"]
train, test = train_test_split(data, test_size=0.3, random_state=SEED, stratify=data["sepsis"])
model = LogisticRegression(max_iter=2000).fit(train[features], train["sepsis"])
score = model.predict_proba(test[features])[:, 1]
y = test["sepsis"].to_numpy()
escalated = score >= 0.5
reviewed = np.zeros(len(y), dtype=bool)
if review:
    reviewed = (score >= 0.15) & ~escalated
    rng = np.random.default_rng(SEED)
    clinician = np.where(y == 1, rng.random(len(y)) < 0.90, rng.random(len(y)) < 0.05)
    escalated = escalated | (reviewed & clinician)
recall = float(escalated[y == 1].mean())
metrics = {"sepsis-system-recall": recall, "review-workload": float(reviewed.mean()), "model-only-recall": float((score >= 0.5)[y == 1].mean())}
json.dump(metrics, open("metrics.json", "w", encoding="utf-8"), indent=2)
print(f"human_review={review}: system recall {recall:.3f}, model-only recall {metrics['model-only-recall']:.3f}, review workload {metrics['review-workload']:.3f}", file=sys.stderr)
