"""Dagster definitions for sei's end-to-end test: one asset that runs the evaluation script."""
import runpy

from dagster import AssetSelection, Definitions, asset, define_asset_job, in_process_executor


@asset
def screening_metrics() -> None:
    runpy.run_path("src/evaluate.py", run_name="__main__")


# AssetSelection.all() rather than the string "*": string selections go through dagster's ANTLR
# parser, which breaks when DVC's hydra pins antlr4-python3-runtime 4.9 in the same environment.
# In-process: a multiprocess executor adds seconds for one tiny step.
evaluate = define_asset_job("evaluate", selection=AssetSelection.all(), executor_def=in_process_executor)
defs = Definitions(assets=[screening_metrics], jobs=[evaluate])
