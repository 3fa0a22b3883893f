"""Dagster definitions of the medical example: one asset that evaluates the early-warning system."""
import runpy

from dagster import AssetSelection, Definitions, asset, define_asset_job, in_process_executor


@asset
def sepsis_metrics() -> None:
    runpy.run_path("src/evaluate.py", run_name="__main__")


# AssetSelection.all(), not the string "*": string selections go through dagster's ANTLR parser,
# which breaks when DVC pins antlr4-python3-runtime 4.9 in the same environment.
evaluate = define_asset_job("evaluate", selection=AssetSelection.all(), executor_def=in_process_executor)
defs = Definitions(assets=[sepsis_metrics], jobs=[evaluate])
