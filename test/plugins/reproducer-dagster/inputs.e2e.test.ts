import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {dagsterInputs, dagsterReproducer} from '@sei/reproducer-dagster'
import {gitRepo} from '../../helpers/git-repo.js'
import {hasPythonEnv, pythonToolEnv} from '../../helpers/python.js'
import {changedInputs, graphDigests} from '../input-graph.js'

// The asset records which repository modules the Dagster process really loaded, and the run config it
// received, so the test compares the graph with the run itself.
const files = {
  'defs.py': `import json, os, sys
from dagster import AssetSelection, Config, Definitions, asset, define_asset_job, in_process_executor
from pipeline.features import scale


class Settings(Config):
    factor: float = 1.0


@asset
def report(config: Settings) -> None:
    rows = open("data/rows.csv").read().splitlines()
    here = os.path.realpath(os.getcwd()) + os.sep
    loaded = sorted({os.path.relpath(os.path.realpath(m.__file__), here) for m in list(sys.modules.values())
                     if getattr(m, "__file__", None) and os.path.realpath(m.__file__).startswith(here)})
    summary = {"loaded": loaded, "factor": config.factor, "scaled": scale(len(rows), config.factor)}
    json.dump(summary, open("run.json", "w"))


# AssetSelection.all(), in-process: see test/pipelines/dagster/defs.py.
evaluate = define_asset_job("evaluate", selection=AssetSelection.all(), executor_def=in_process_executor)
defs = Definitions(assets=[report], jobs=[evaluate])
`,
  'pipeline/__init__.py': '',
  'pipeline/features.py': 'from .units import unit\n\ndef scale(n, f):\n    return n * f * unit()\n',
  'pipeline/units.py': 'def unit():\n    return 1\n',
  'pipeline/unused.py': 'raise SystemExit("never imported")\n',
  'data/rows.csv': 'x\n1\n2\n',
  'config/run.yaml': 'ops:\n  report:\n    config:\n      factor: 2.5\n',
  '.gitignore': 'run.json\n__pycache__/\n',
}

describe('Dagster graph agrees with a real dagster run', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it("Dagster loads the graph's code; -c run config reaches the asset; an edited import is a change", async () => {
    const root = gitRepo(files)
    const pipeline = {
      tool: 'dagster',
      metrics: 'metrics.json',
      definitions: 'defs.py',
      job: 'evaluate',
      config: 'config/run.yaml',
    }
    const graph = await dagsterInputs(pipeline, root)
    const lines: string[] = []
    const result = await dagsterReproducer.reproduce({
      root,
      pipeline,
      force: false,
      env: pythonToolEnv(),
      onOutput: (l) => lines.push(l),
    })
    assert.deepEqual(result.command, [
      'dagster',
      'job',
      'execute',
      '-f',
      'defs.py',
      '-j',
      'evaluate',
      '-c',
      'config/run.yaml',
    ])
    assert.equal(result.exitCode, 0, lines.slice(-30).join('\n'))
    const run = JSON.parse(readFileSync(join(root, 'run.json'), 'utf8')) as {
      loaded: string[]
      factor: number
      scaled: number
    }
    assert.deepEqual(
      graph.inputs
        .filter((i) => i.kind === 'code')
        .map((i) => i.path)
        .sort(),
      run.loaded,
    )
    // The run config file in the graph is the one dagster applied: factor 2.5 × 3 lines of data/rows.csv.
    assert.deepEqual([run.factor, run.scaled], [2.5, 7.5])
    assert.deepEqual(graph.inputs.find((i) => i.path === 'config/run.yaml')?.value, {
      ops: {report: {config: {factor: 2.5}}},
    })
    assert.ok(graph.inputs.some((i) => i.kind === 'data' && i.path === 'data/rows.csv'))

    const before = graphDigests(root, graph)
    writeFileSync(join(root, 'pipeline/units.py'), 'def unit():\n    return 2\n')
    writeFileSync(join(root, 'pipeline/unused.py'), 'x = 1\n')
    assert.deepEqual(changedInputs(before, graphDigests(root, await dagsterInputs(pipeline, root))), [
      'code pipeline/units.py',
    ])
  })
})
