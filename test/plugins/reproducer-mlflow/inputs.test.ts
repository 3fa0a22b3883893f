import assert from 'node:assert/strict'
import {symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {commandScripts, mlflowCommand, mlflowInputs, mlflowReproducer} from '@sei/reproducer-mlflow'
import {testDir} from '../../helpers/git-repo.js'
import {schemaProblems} from '../../../src/engine/pipeline/options.js'
import {changedInputs, graphDigests, inputId} from '../input-graph.js'

const mlproject = `name: credit
python_env: python_env.yaml
entry_points:
  main:
    parameters:
      alpha: {type: float, default: 0.5}
      data_file: {type: path, default: data/train.csv}
      seed: int
    command: "python src/train.py --alpha {alpha} --data {data_file} && python -m tools.report"
  other:
    command: "bash scripts/run.sh"
`
const project = {
  MLproject: mlproject,
  'python_env.yaml': 'python: "3.11"\nbuild_dependencies: [pip]\ndependencies:\n  - -r requirements.txt\n  - mlflow\n',
  'requirements.txt': 'scikit-learn==1.5.2\n-c constraints.txt\n',
  'constraints.txt': 'numpy<3\n',
  'src/train.py': 'from features import build\n',
  'src/features.py': 'import numpy\n',
  'src/unused.py': '',
  'tools/__init__.py': '',
  'tools/report.py': 'from .fmt import table\n',
  'tools/fmt.py': '',
  'scripts/run.sh': 'python src/train.py\n',
  'data/train.csv': 'a,b\n1,2\n',
}

describe('MLflow input graph (read from MLproject, without running MLflow)', () => {
  it('declares entry point, parameter values, environment files and the code the command runs', async () => {
    const root = testDir(project)
    const graph = await mlflowInputs({tool: 'mlflow', metrics: 'm.json', parameters: {alpha: 0.7, seed: 1}}, root)
    // Hand-derived from the MLproject above: alpha overridden by the manifest, data_file its default (a
    // local path: a data input), seed given; python_env.yaml names requirements.txt, which names constraints.txt.
    assert.deepEqual(graph.inputs.map(inputId), [
      'code src/features.py',
      'code src/train.py',
      'code tools/__init__.py',
      'code tools/fmt.py',
      'code tools/report.py',
      'data data/train.csv',
      'env constraints.txt',
      'env python_env.yaml',
      'env requirements.txt',
      'params MLproject alpha',
      'params MLproject data_file',
      'params MLproject seed',
      'stage MLproject main',
    ])
    const value = (key: string) => graph.inputs.find((i) => i.kind === 'params' && i.key === key)?.value
    assert.deepEqual([value('alpha'), value('data_file'), value('seed')], [0.7, 'data/train.csv', 1])
    assert.equal(graph.warnings, undefined)
    assert.ok(
      graph.inputs.every(
        (i) => i.declaredBy?.startsWith('entry point main') || i.declaredBy?.startsWith('parameter data_file'),
      ),
    )
  })

  it('a comment in MLproject is no change; a parameter value, a command or an imported module is', async () => {
    const root = testDir(project)
    const pipeline = {tool: 'mlflow', metrics: 'm.json', parameters: {seed: 1}}
    const base = graphDigests(root, await mlflowInputs(pipeline, root))
    writeFileSync(join(root, 'MLproject'), `# a comment\n${mlproject}`)
    assert.deepEqual(changedInputs(base, graphDigests(root, await mlflowInputs(pipeline, root))), [])
    assert.deepEqual(
      changedInputs(
        base,
        graphDigests(root, await mlflowInputs({...pipeline, parameters: {seed: 1, alpha: 0.9}}, root)),
      ),
      ['params MLproject alpha'],
    )
    writeFileSync(join(root, 'MLproject'), mlproject.replace('default: 0.5', 'default: 0.6'))
    assert.deepEqual(changedInputs(base, graphDigests(root, await mlflowInputs(pipeline, root))), [
      'params MLproject alpha',
      'stage MLproject main',
    ])
    writeFileSync(join(root, 'MLproject'), mlproject)
    writeFileSync(join(root, 'src/features.py'), 'import numpy\nSCALE = 2\n')
    assert.deepEqual(changedInputs(base, graphDigests(root, await mlflowInputs(pipeline, root))), [
      'code src/features.py',
    ])
    writeFileSync(join(root, 'src/unused.py'), 'x = 1\n')
    writeFileSync(join(root, 'requirements.txt'), 'scikit-learn==1.6.0\n-c constraints.txt\n')
    assert.deepEqual(changedInputs(base, graphDigests(root, await mlflowInputs(pipeline, root))), [
      'code src/features.py',
      'env requirements.txt',
    ])
  })

  it('falls back to every .py of the project when the command runs what it cannot read (a shell script)', async () => {
    const root = testDir(project)
    const graph = await mlflowInputs({tool: 'mlflow', metrics: 'm.json', entry_point: 'other'}, root)
    assert.deepEqual(
      graph.inputs.filter((i) => i.kind === 'code').map((i) => i.path),
      [
        'scripts/run.sh',
        'src/features.py',
        'src/train.py',
        'src/unused.py',
        'tools/__init__.py',
        'tools/fmt.py',
        'tools/report.py',
      ],
    )
  })

  it('runs a script entry point with no MLproject as mlflow does (python file, conda.yaml by default)', async () => {
    const root = testDir({
      'train.py': 'import helpers\n',
      'helpers.py': '',
      'conda.yaml': 'dependencies:\n  - pip\n  - pip: [-r reqs.txt]\n',
      'reqs.txt': 'numpy\n',
    })
    const graph = await mlflowInputs({tool: 'mlflow', metrics: 'm.json', entry_point: 'train.py'}, root)
    assert.deepEqual(graph.inputs.map(inputId), ['code helpers.py', 'code train.py', 'env conda.yaml', 'env reqs.txt'])
    await assert.rejects(
      mlflowInputs({tool: 'mlflow', metrics: 'm.json', entry_point: 'nope'}, root),
      /entry point "nope" is neither/,
    )
  })

  it('takes the environment MLflow takes: a declared conda_env; none for a docker_env (an image)', async () => {
    const conda = testDir({
      MLproject: 'conda_env: env/conda.yml\nentry_points:\n  main: {command: "python t.py"}\n',
      'env/conda.yml': 'dependencies: [{pip: [-r ../reqs.txt]}]\n',
      'reqs.txt': '',
      't.py': '',
      'python_env.yaml': '',
    })
    assert.deepEqual(
      (await mlflowInputs({tool: 'mlflow', metrics: 'm.json'}, conda)).inputs
        .filter((i) => i.kind === 'env')
        .map((i) => i.path),
      ['env/conda.yml', 'reqs.txt'],
    )
    const docker = testDir({
      MLproject: 'docker_env: {image: acme/train:1}\nentry_points:\n  main: {command: "python t.py"}\n',
      't.py': '',
      'python_env.yaml': '',
    })
    const graph = await mlflowInputs({tool: 'mlflow', metrics: 'm.json'}, docker)
    assert.deepEqual(
      graph.inputs.filter((i) => i.kind === 'env'),
      [],
    )
    assert.deepEqual(graph.inputs.find((i) => i.kind === 'stage')?.value, {
      command: 'python t.py',
      parameters: {},
      docker_env: {image: 'acme/train:1'},
    })
  })

  it('warns instead of reaching outside the repository or guessing a missing value', async () => {
    const outside = testDir({'secret.txt': 'x'})
    const root = testDir({...project, 'requirements.txt': '-r ../../etc/passwd\n'})
    symlinkSync(join(outside, 'secret.txt'), join(root, 'data/link.csv'))
    const graph = await mlflowInputs(
      {tool: 'mlflow', metrics: 'm.json', parameters: {data_file: 'data/link.csv'}},
      root,
    )
    assert.ok(!graph.inputs.some((i) => i.path.includes('passwd') || i.path === 'data/link.csv'))
    assert.deepEqual(graph.warnings?.map((w) => w.replace(/^.*?(parameter|\.\.\/)/, '$1')).sort(), [
      '../../etc/passwd (named by requirements.txt) is missing or outside the repository: not part of the ' +
        "environment's inputs",
      'parameter data_file of entry point main names data/link.csv, which is missing or outside the repository',
      'parameter seed of entry point main has no default and the manifest gives none: mlflow run will fail',
    ])
  })

  it('reads the scripts of a shell command line (cd, env assignments, interpreter options, -m, -c)', () => {
    assert.deepEqual(
      commandScripts('cd src && PYTHONPATH=. python3 -u -W ignore train.py --x "a b"; python -m pkg.mod'),
      {scripts: ['src/train.py'], modules: [{name: 'pkg.mod', dir: 'src'}], others: [], complete: true},
    )
    assert.equal(commandScripts('python -c "import x"').complete, false)
    assert.deepEqual(commandScripts('./run.sh | tee log').others, ['run.sh'])
  })
})

describe('MLflow options pass through to mlflow run (backends, env manager)', () => {
  const schema = {...mlflowReproducer.optionsSchema, additionalProperties: false}
  it('validates backend, backend_config and env_manager with the plugin schema', () => {
    assert.deepEqual(
      schemaProblems(schema, {backend: 'kubernetes', backend_config: 'k8s/backend.json', env_manager: 'uv'}),
      [],
    )
    assert.deepEqual(
      schemaProblems(schema, {
        backend: 'databricks',
        backend_config: {num_workers: 2, spark_version: '15.4.x-scala2.12'},
      }),
      [],
    )
    assert.deepEqual(schemaProblems(schema, {env_manager: 'pip'}), [
      [['env_manager'], 'expected one of "local", "virtualenv", "uv", "conda"'],
    ])
    assert.equal(
      schemaProblems(schema, {backend_config: 'k8s/backend.yaml'})[0][1].startsWith('must match \\.json$'),
      true,
    )
    assert.deepEqual(schemaProblems(schema, {backend_config: 3}), [[['backend_config'], 'expected string or object']])
    assert.deepEqual(schemaProblems(schema, {backend: ''}), [[['backend'], 'must not be empty']])
  })

  it('builds the exact argument vector mlflow receives', () => {
    const root = testDir({'k8s/backend.json': '{"kube-context": "ci"}'})
    assert.deepEqual(mlflowCommand({tool: 'mlflow', metrics: 'm.json'}, root), [
      'mlflow',
      'run',
      '.',
      '-e',
      'main',
      '--env-manager',
      'local',
    ])
    assert.deepEqual(
      mlflowCommand(
        {
          tool: 'mlflow',
          metrics: 'm.json',
          entry_point: 'train',
          env_manager: 'virtualenv',
          backend: 'kubernetes',
          backend_config: 'k8s/backend.json',
          parameters: {b: 2, a: 'x y'},
        },
        root,
      ),
      [
        'mlflow',
        'run',
        '.',
        '-e',
        'train',
        '--env-manager',
        'virtualenv',
        '--backend',
        'kubernetes',
        '--backend-config',
        'k8s/backend.json',
        '-P',
        'a=x y',
        '-P',
        'b=2',
      ],
    )
    assert.deepEqual(
      mlflowCommand(
        {tool: 'mlflow', metrics: 'm.json', backend: 'databricks', backend_config: {num_workers: 2}},
        root,
      ).slice(-4),
      ['--backend', 'databricks', '--backend-config', '{"num_workers":2}'],
    )
    assert.throws(
      () => mlflowCommand({tool: 'mlflow', metrics: 'm.json', backend_config: '../outside.json'}, root),
      /outside the repository/,
    )
  })

  it('declares the backend config file as an environment input', async () => {
    const root = testDir({...project, 'k8s/backend.json': '{}'})
    const graph = await mlflowInputs(
      {
        tool: 'mlflow',
        metrics: 'm.json',
        parameters: {seed: 1},
        backend: 'kubernetes',
        backend_config: 'k8s/backend.json',
      },
      root,
    )
    assert.equal(graph.inputs.find((i) => i.path === 'k8s/backend.json')?.kind, 'env')
  })
})
