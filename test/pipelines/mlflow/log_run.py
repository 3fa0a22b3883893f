"""Records the evaluation in the MLflow run that `mlflow run` opened (metrics + metrics.json artifact)."""
import json

import mlflow

with open("metrics.json", encoding="utf-8") as f:
    metrics = json.load(f)
mlflow.log_metrics({k.replace("-", "_"): v for k, v in metrics.items()})
mlflow.log_artifact("metrics.json")
