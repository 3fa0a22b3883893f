"""Feature helpers imported by train.py."""


def score(row):
    return float(row.split(",")[1])
