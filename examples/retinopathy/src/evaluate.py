"""Referable-DR screener of the retinopathy example, trained and evaluated on data/screening.csv.

params.yaml `use_mitigated: false` is the untreated V1 (plain logistic regression, threshold 0.5: it
misses most referable eyes because they are rare); `true` is the treatment (class-balanced weights
and a 0.30 referral threshold). Writes metrics.json keyed by the measure ids of sei.yaml: recall
(the clinical gate) and precision with patient-clustered bootstrap intervals, and the recall gap
between sexes (fairlearn).
"""
import json
import sys

import numpy as np
import pandas as pd
import yaml
from fairlearn.metrics import MetricFrame
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_score, recall_score
from sklearn.model_selection import GroupShuffleSplit

params = yaml.safe_load(open("params.yaml", encoding="utf-8"))
mitigated = bool(params["use_mitigated"])
SEED = int(params.get("seed", 42))
data = pd.read_csv("data/screening.csv")
features = ["age", "diabetes_years", "hba1c", "lesion_score"]
train_idx, test_idx = next(GroupShuffleSplit(test_size=0.3, random_state=SEED).split(data, groups=data["patient_id"]))
train, test = data.iloc[train_idx], data.iloc[test_idx]
model = LogisticRegression(class_weight="balanced" if mitigated else None, max_iter=1000)
model.fit(train[features], train["referable_dr"])
threshold = 0.30 if mitigated else 0.50
pred = (model.predict_proba(test[features])[:, 1] >= threshold).astype(int)
y = test["referable_dr"].to_numpy()


def clustered(metric, n_boot=400):
    """Value and a bootstrap 95 % interval resampling patients (both eyes together)."""
    rng = np.random.default_rng(SEED)
    patients = test["patient_id"].to_numpy()
    ids = np.unique(patients)
    rows = {p: np.flatnonzero(patients == p) for p in ids}
    stats = []
    for _ in range(n_boot):
        pick = np.concatenate([rows[p] for p in rng.choice(ids, len(ids))])
        stats.append(metric(y[pick], pred[pick]))
    return {"value": float(metric(y, pred)), "power": {"n": int(len(y)), "n_clusters": int(len(ids)), "ci_low": float(np.percentile(stats, 2.5)), "ci_high": float(np.percentile(stats, 97.5)), "ci_level": 0.95, "method": "cluster_bootstrap", "n_boot": n_boot, "seed": SEED}}


by_sex = MetricFrame(metrics=recall_score, y_true=y, y_pred=pred, sensitive_features=test["sex"])
metrics = {
    "dr-recall": clustered(lambda t, p: recall_score(t, p, zero_division=0)),
    "dr-precision": clustered(lambda t, p: precision_score(t, p, zero_division=0)),
    "dr-recall-gap-sex": float(by_sex.difference()),
}
json.dump(metrics, open("metrics.json", "w", encoding="utf-8"), indent=2)
print(f"use_mitigated={mitigated}: recall {metrics['dr-recall']['value']:.3f}, precision {metrics['dr-precision']['value']:.3f}, recall gap by sex {metrics['dr-recall-gap-sex']:.3f}", file=sys.stderr)
