"""Credit-scoring model of the loan example: logistic regression on UCI German Credit.

V1 (this file) is the untreated model: plain logistic regression, evaluated on a held-out split.
It writes metrics.json with one value per measure id of sei.yaml: the demographic-parity difference
of approvals between genders (fairlearn) with a bootstrap confidence interval, and the accuracy.
The treatment (treatment/train.py) replaces the decision rule by a fairness-constrained one.
"""
import json
import sys

import numpy as np
import pandas as pd
from fairlearn.metrics import demographic_parity_difference
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split

SEED = 42
data = pd.read_csv("data/german_credit.csv")
gender = data["gender"]
y = data["target"]  # 1 = good credit (approve)
# V1 uses every applicant attribute, gender and personal status included: "the data decides".
X = pd.get_dummies(data.drop(columns=["target", "class"]), dtype=float)
X_train, X_test, y_train, y_test, g_train, g_test = train_test_split(X, y, gender, test_size=0.3, random_state=SEED, stratify=y)

model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))
model.fit(X_train, y_train)
approved = model.predict(X_test)


def with_ci(metric, n_boot=500):
    """Point value and a percentile bootstrap 95 % interval over the test rows."""
    rng = np.random.default_rng(SEED)
    y_t, y_p, g = np.asarray(y_test), np.asarray(approved), np.asarray(g_test)
    stats = []
    for _ in range(n_boot):
        i = rng.integers(0, len(y_t), len(y_t))
        stats.append(metric(y_t[i], y_p[i], g[i]))
    groups = {str(k): int(v) for k, v in pd.Series(g).value_counts().sort_index().items()}
    return {"value": float(metric(y_t, y_p, g)), "power": {"n": int(len(y_t)), "groups": groups, "ci_low": float(np.percentile(stats, 2.5)), "ci_high": float(np.percentile(stats, 97.5)), "ci_level": 0.95, "method": "bootstrap", "n_boot": n_boot, "seed": SEED}}


dp = with_ci(lambda t, p, g: demographic_parity_difference(t, p, sensitive_features=g))
accuracy = float((approved == np.asarray(y_test)).mean())
with open("metrics.json", "w", encoding="utf-8") as f:
    json.dump({"loan-dp-gender": dp, "loan-accuracy": accuracy}, f, indent=2)
print(f"demographic parity difference {dp['value']:.4f} (95% CI {dp['power']['ci_low']:.4f}–{dp['power']['ci_high']:.4f}); accuracy {accuracy:.4f}", file=sys.stderr)
