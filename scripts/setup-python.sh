#!/usr/bin/env bash
# Creates the project's Python environment (.venv) with the pipeline tools the tests and examples
# run for real: DVC, MLflow, Dagster, scikit-learn, fairlearn, securesystemslib.
# Idempotent: a stamp file records the requirements it was built from.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="${SEI_PYTHON_ENV:-$root/.venv}"
req="$root/scripts/python-requirements.txt"
stamp="$venv/.sei-requirements.sha256"
want=$(sha256sum "$req" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  echo "python env up to date: $venv"; exit 0
fi
py=${PYTHON:-python3}
command -v "$py" >/dev/null || { echo "setup-python: no python3 on PATH; install Python ≥ 3.10" >&2; exit 3; }
boot="$root/.venv-bootstrap"
if [ ! -x "$boot/bin/uv" ]; then
  echo "setup-python: installing uv into $boot" >&2
  "$py" -m venv "$boot"
  "$boot/bin/pip" install --quiet --disable-pip-version-check uv
fi
echo "setup-python: creating $venv (this takes a few minutes the first time)" >&2
"$boot/bin/uv" venv --quiet --allow-existing --python "$py" "$venv"
"$boot/bin/uv" pip install --quiet --python "$venv/bin/python" -r "$req"
echo "$want" > "$stamp"
echo "python env ready: $venv"
