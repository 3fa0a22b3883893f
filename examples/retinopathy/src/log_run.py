"""Records the evaluation in the MLflow run that `mlflow run` opened: the values and metrics.json."""
import json

import mlflow

metrics = json.load(open("metrics.json", encoding="utf-8"))
mlflow.log_metrics({k.replace("-", "_"): (v["value"] if isinstance(v, dict) else v) for k, v in metrics.items()})
mlflow.log_artifact("metrics.json")
