"""Generates data/wards.csv: a deterministic, synthetic stand-in for hospital ward observations
(no real patient): vital signs and lactate per admission, and whether sepsis developed.
Run once to (re)create the CSV: python data/make_data.py
"""
import numpy as np
import pandas as pd

rng = np.random.default_rng(11)
n = 3000
sepsis = (rng.random(n) < 0.12).astype(int)
heart_rate = (rng.normal(84, 12, n) + 14 * sepsis).round()
resp_rate = (rng.normal(17, 3, n) + 4 * sepsis).round()
temperature = (rng.normal(37.0, 0.5, n) + 0.6 * sepsis).round(1)
lactate = np.clip(rng.normal(1.4, 0.6, n) + 1.1 * sepsis, 0.3, None).round(2)
age = rng.integers(18, 95, n)
pd.DataFrame({"admission_id": np.arange(n), "age": age, "heart_rate": heart_rate, "resp_rate": resp_rate, "temperature": temperature, "lactate": lactate, "sepsis": sepsis}).to_csv("data/wards.csv", index=False)
print(f"{n} admissions, {sepsis.mean():.3f} sepsis")
