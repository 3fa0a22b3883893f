"""Keeps the first `prep.frac` share of data/raw.csv rows in data/clean.csv."""
import yaml

frac = yaml.safe_load(open("params.yaml"))["prep"]["frac"]
rows = open("data/raw.csv").read().splitlines()
header, body = rows[0], rows[1:]
keep = body[: max(1, int(len(body) * frac))]
open("data/clean.csv", "w").write("\n".join([header, *keep]) + "\n")
