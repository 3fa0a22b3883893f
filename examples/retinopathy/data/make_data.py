"""Generates data/screening.csv: a deterministic, synthetic stand-in for a diabetic-retinopathy
screening cohort (no images, no real patients). Each row is one eye: clinical covariates plus a
lesion score standing in for what an image model would extract, and the referable-DR label.
Run once to (re)create the CSV: python data/make_data.py
"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(7)
n = 2400
patient = np.repeat(np.arange(n // 2), 2)
sex = np.repeat(rng.choice(["Female", "Male"], n // 2), 2)
age = np.repeat(rng.integers(30, 85, n // 2), 2)
years = np.repeat(rng.gamma(2.0, 5.0, n // 2).round(1), 2)
hba1c = np.repeat(rng.normal(7.6, 1.3, n // 2).round(1), 2)
logit = -3.4 + 0.09 * years + 0.45 * (hba1c - 7) + 0.015 * (age - 55) + rng.normal(0, 0.6, n)
referable = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
lesion_score = (0.8 * referable + rng.normal(0, 0.55, n) + 0.02 * years).round(3)
pd.DataFrame({"patient_id": patient, "sex": sex, "age": age, "diabetes_years": years, "hba1c": hba1c, "lesion_score": lesion_score, "referable_dr": referable}).to_csv("data/screening.csv", index=False)
print(f"{n} eyes, {referable.mean():.3f} referable")
