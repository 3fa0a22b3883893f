import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {defaultTrackingUri, mlflowInputs, mlflowReproducer} from '@sei/reproducer-mlflow'
import {gitRepo} from '../../helpers/git-repo.js'
import {hasPythonEnv, pythonBin, pythonToolEnv} from '../../helpers/python.js'
import {changedInputs, graphDigests} from '../input-graph.js'

// The entry script records which repository modules Python really loaded, so the test compares the
// graph with the run itself.
const files = {
  MLproject: `name: agree
entry_points:
  main:
    parameters:
      alpha: {type: float, default: 0.5}
      rows: {type: path, default: data/rows.csv}
    command: "python src/train.py {alpha} {rows}"
`,
  'src/train.py': `import json, os, sys
from model import fit
import mlflow
loaded = sorted(os.path.relpath(m.__file__) for m in list(sys.modules.values())
                if getattr(m, "__file__", None) and os.path.realpath(m.__file__).startswith(os.getcwd() + os.sep))
json.dump({"loaded": loaded, "argv": sys.argv[1:]}, open("run.json", "w"))
mlflow.log_metric("fit", fit(float(sys.argv[1])))
`,
  'src/model/__init__.py': 'from .core import fit\n',
  'src/model/core.py': 'from . import scale\ndef fit(a):\n    return a * scale.FACTOR\n',
  'src/model/scale.py': 'FACTOR = 2\n',
  'src/notes.py': 'raise SystemExit("never imported")\n',
  'data/rows.csv': 'x\n1\n',
  '.gitignore': 'run.json\n__pycache__/\n',
}

describe('MLflow graph agrees with a real mlflow run', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it("the parameter values mlflow records and the modules Python loads are the graph's", async () => {
    const root = gitRepo(files)
    const env = pythonToolEnv()
    const pipeline = {tool: 'mlflow', metrics: 'metrics.json', experiment_name: 'agree', parameters: {alpha: 0.75}}
    const graph = await mlflowInputs(pipeline, root)
    const lines: string[] = []
    const result = await mlflowReproducer.reproduce({root, pipeline, force: false, env, onOutput: (l) => lines.push(l)})
    assert.equal(result.exitCode, 0, lines.join('\n'))
    const run = JSON.parse(readFileSync(join(root, 'run.json'), 'utf8')) as {loaded: string[]; argv: string[]}
    const code = graph.inputs
      .filter((i) => i.kind === 'code')
      .map((i) => i.path)
      .sort()
    assert.deepEqual(code, [...new Set([...run.loaded, 'src/train.py'])].sort())
    // MLflow's own record of the run's parameters, read back from its tracking store.
    const logged = JSON.parse(
      execFileSync(
        join(pythonBin, 'python'),
        [
          '-c',
          `
import json, mlflow
run = mlflow.search_runs(experiment_names=["agree"], output_format="list")[0]
print(json.dumps(run.data.params))`,
        ],
        {env: {...env, MLFLOW_TRACKING_URI: defaultTrackingUri(root, env)} as NodeJS.ProcessEnv, encoding: 'utf8'},
      )
        .trim()
        .split('\n')
        .pop()!,
    )
    const params = Object.fromEntries(
      graph.inputs.filter((i) => i.kind === 'params').map((i) => [i.key, String(i.value)]),
    )
    assert.equal(params.alpha, logged.alpha)
    assert.equal(logged.alpha, '0.75')
    assert.equal(params.rows, logged.rows)
    // mlflow hands the command the absolute path of the same file the graph declares as data.
    assert.deepEqual(run.argv, ['0.75', join(root, 'data/rows.csv')])
    assert.ok(graph.inputs.some((i) => i.kind === 'data' && i.path === 'data/rows.csv'))

    // A parameter value change and an edit of a module the script imports show up as changed inputs.
    const before = graphDigests(root, graph)
    writeFileSync(join(root, 'src/model/scale.py'), 'FACTOR = 3\n')
    assert.deepEqual(
      changedInputs(before, graphDigests(root, await mlflowInputs({...pipeline, parameters: {alpha: 0.8}}, root))),
      ['code src/model/scale.py', 'params MLproject alpha'],
    )
    writeFileSync(join(root, 'src/notes.py'), 'x = 1\n')
    writeFileSync(join(root, 'data/rows.csv'), 'x\n2\n')
    assert.deepEqual(changedInputs(before, graphDigests(root, await mlflowInputs(pipeline, root))), [
      'code src/model/scale.py',
      'data data/rows.csv',
    ])
  })
})

describe('MLflow backend options reach mlflow run', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('mlflow accepts the argument vector and dispatches to the Kubernetes backend named in the manifest', async () => {
    // No cluster here (nor the docker/kubernetes client packages): the run must get past mlflow's own
    // option parsing (no usage error) into its Kubernetes backend, which is where it stops.
    const root = gitRepo({
      ...files,
      'k8s/backend.json':
        '{"kube-context": "ci", "repository-uri": "registry.example/agree", "kube-job-template-path": "k8s/job.yaml"}',
    })
    const lines: string[] = []
    const pipeline = {
      tool: 'mlflow',
      metrics: 'metrics.json',
      backend: 'kubernetes',
      backend_config: 'k8s/backend.json',
    }
    const result = await mlflowReproducer.reproduce({
      root,
      pipeline,
      force: false,
      env: pythonToolEnv(),
      onOutput: (l) => lines.push(l),
    })
    assert.deepEqual(result.command, [
      'mlflow',
      'run',
      '.',
      '-e',
      'main',
      '--env-manager',
      'local',
      '--backend',
      'kubernetes',
      '--backend-config',
      'k8s/backend.json',
    ])
    assert.notEqual(result.exitCode, 0)
    const out = lines.join('\n')
    assert.doesNotMatch(out, /Usage: mlflow run|Invalid backend config/)
    assert.match(out, /mlflow\/projects\/kubernetes\.py/)
  })
})
