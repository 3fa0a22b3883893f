import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {dagsterCommand, dagsterInputs, dagsterReproducer, expandConfig, pathLiterals} from '@sei/reproducer-dagster'
import {testDir} from '../../helpers/git-repo.js'
import {schemaProblems} from '../../../src/engine/pipeline/options.js'
import {changedInputs, graphDigests, inputId} from '../input-graph.js'

const big = 'label,score\n1,0.9\n'
const bigMd5 = createHash('md5').update(big).digest('hex')

const defs = `import runpy
from dagster import Definitions, asset
from assets.load import raw_rows

@asset
def metrics():
    runpy.run_path("src/evaluate.py", run_name="__main__")
`
const project = {
  'defs.py': defs,
  'assets/__init__.py': '',
  'assets/load.py': [
    'import pandas as pd',
    'from .paths import BIG',
    'def raw_rows():',
    '    df = pd.read_csv("data/raw.csv")  # read: an input',
    '    df.to_csv("data/out.csv")  # written: not an input',
    '    open("report.txt", "w").write("x")',
    '    with open("data/lookup.json") as f:',
    '        pass',
    '    return pd.read_csv(BIG), "no/such/file.csv", f"data/{1}.csv"',
    '',
  ].join('\n'),
  'assets/paths.py': 'BIG = "data/big.csv"\n',
  'src/evaluate.py': 'import helpers\nopen("data/not-scanned.csv")\n',
  'src/helpers.py': '',
  'data/raw.csv': 'a\n1\n',
  'data/out.csv': 'old output\n',
  'data/lookup.json': '{}\n',
  'data/not-scanned.csv': '',
  'report.txt': '',
  // dvc add-ed, not pulled: only the pointer is in the checkout.
  'data/big.csv.dvc': `outs:\n- md5: ${bigMd5}\n  size: ${big.length}\n  hash: md5\n  path: big.csv\n`,
  'config/run.yaml': '# run config\nops:\n  metrics:\n    config: {threshold: 0.5, table: data/extra.csv}\n',
  'config/more.yaml': 'resources: {}\n',
  'data/extra.csv': 'e\n',
}

describe('Dagster input graph (read from the definitions, without running Dagster)', () => {
  it('declares the definitions, the modules they import, run-config and the files the code reads', async () => {
    const root = testDir(project)
    const graph = await dagsterInputs(
      {
        tool: 'dagster',
        metrics: 'm.json',
        definitions: 'defs.py',
        job: 'evaluate',
        config: ['config/run.yaml', 'config/m*.yaml'],
      },
      root,
    )
    // Hand-derived from the files above.
    assert.deepEqual(graph.inputs.map(inputId), [
      'code assets/__init__.py',
      'code assets/load.py',
      'code assets/paths.py',
      'code defs.py',
      'code src/evaluate.py',
      'code src/helpers.py',
      'data data/big.csv',
      'data data/extra.csv',
      'data data/lookup.json',
      'data data/raw.csv',
      'params config/more.yaml',
      'params config/run.yaml',
    ])
    assert.deepEqual(graph.inputs.find((i) => i.path === 'data/big.csv')?.recorded, {
      algorithm: 'md5',
      value: bigMd5,
      source: 'data/big.csv.dvc',
    })
    assert.equal(graph.inputs.find((i) => i.path === 'data/raw.csv')?.declaredBy, 'assets/load.py:4')
    assert.deepEqual(graph.inputs.find((i) => i.path === 'config/run.yaml')?.value, {
      ops: {metrics: {config: {threshold: 0.5, table: 'data/extra.csv'}}},
    })
    assert.equal(graph.warnings, undefined)
  })

  it('an edit to a module the definitions import is a changed input; a comment in the run config is not', async () => {
    const root = testDir(project)
    const pipeline = {tool: 'dagster', metrics: 'm.json', definitions: 'defs.py', config: 'config/run.yaml'}
    const base = graphDigests(root, await dagsterInputs(pipeline, root))
    writeFileSync(join(root, 'assets/paths.py'), 'BIG = "data/big.csv"  # same file\n')
    assert.deepEqual(changedInputs(base, graphDigests(root, await dagsterInputs(pipeline, root))), [
      'code assets/paths.py',
    ])
    writeFileSync(join(root, 'assets/paths.py'), project['assets/paths.py'])
    writeFileSync(join(root, 'config/run.yaml'), `# another comment\n${project['config/run.yaml']}`)
    writeFileSync(join(root, 'data/out.csv'), 'new output\n')
    writeFileSync(join(root, 'data/not-scanned.csv'), 'x\n')
    assert.deepEqual(changedInputs(base, graphDigests(root, await dagsterInputs(pipeline, root))), [])
    writeFileSync(join(root, 'config/run.yaml'), project['config/run.yaml'].replace('0.5', '0.4'))
    writeFileSync(join(root, 'src/helpers.py'), 'x = 1\n')
    assert.deepEqual(changedInputs(base, graphDigests(root, await dagsterInputs(pipeline, root))), [
      'code src/helpers.py',
      'params config/run.yaml',
    ])
    writeFileSync(join(root, 'assets/load.py'), project['assets/load.py'].replace('data/raw.csv', 'data/lookup.json'))
    assert.deepEqual(changedInputs(base, graphDigests(root, await dagsterInputs(pipeline, root))), [
      'code assets/load.py',
      'code src/helpers.py',
      'data data/raw.csv',
      'params config/run.yaml',
    ])
  })

  it('tells read literals from written ones', () => {
    const src = [
      'a = "data/in.csv"',
      'df.to_parquet("out/x.parquet", index=False)',
      'joblib.dump(model, "models/m.pkl")',
      'open("log.txt", mode="a")',
      'open("cfg.yaml", "r")',
      'Path("out/r.md").write_text(s)',
      'Path("in/r.md").read_text()',
      'with Path("o.csv").open("w") as f: pass',
      'd = {"key": "value", "path": "rel/file.bin"}',
      'url = "https://example.org/x.csv"',
    ].join('\n')
    assert.deepEqual(
      pathLiterals(src).map((l) => l.value),
      ['data/in.csv', 'cfg.yaml', 'in/r.md', 'rel/file.bin'],
    )
  })

  it('expands run-config patterns as Python glob does and never leaves the repository', () => {
    const root = testDir({'config/a.yaml': '', 'config/b.yml': '', 'config/.hidden.yaml': '', 'config/sub/c.yaml': ''})
    assert.deepEqual(expandConfig(root, 'config/*.yaml'), ['config/a.yaml'])
    assert.deepEqual(expandConfig(root, 'config/*.y*ml'), ['config/a.yaml', 'config/b.yml'])
    assert.deepEqual(expandConfig(root, 'config/*/*.yaml'), ['config/sub/c.yaml'])
    assert.deepEqual(expandConfig(root, '../etc/passwd'), [])
  })
})

describe('Dagster run config passes through to dagster (-c)', () => {
  const schema = {...dagsterReproducer.optionsSchema, additionalProperties: false}
  it('validates config with the plugin schema', () => {
    assert.deepEqual(schemaProblems(schema, {definitions: 'defs.py', config: 'run.yaml'}), [])
    assert.deepEqual(schemaProblems(schema, {definitions: 'defs.py', config: ['a.yaml', 'b/*.yaml']}), [])
    assert.deepEqual(schemaProblems(schema, {definitions: 'defs.py', config: ['a.yaml', '']}), [
      [['config', 1], 'must not be empty'],
    ])
    assert.deepEqual(schemaProblems(schema, {definitions: 'defs.py', config: {ops: {}}}), [
      [['config'], 'expected string or array'],
    ])
  })

  it('builds the exact argument vector dagster receives, refusing config outside the repository', () => {
    const root = testDir({'run.yaml': '', 'env/prod.yaml': ''})
    assert.deepEqual(
      dagsterCommand(
        {tool: 'dagster', metrics: 'm', definitions: 'defs.py', job: 'train', config: ['run.yaml', 'env/*.yaml']},
        root,
      ),
      ['dagster', 'job', 'execute', '-f', 'defs.py', '-j', 'train', '-c', 'run.yaml', '-c', 'env/*.yaml'],
    )
    assert.deepEqual(
      dagsterCommand({tool: 'dagster', metrics: 'm', definitions: 'defs.py', config: 'run.yaml'}, root),
      ['dagster', 'asset', 'materialize', '-f', 'defs.py', '--select', '*', '-c', 'run.yaml'],
    )
    assert.deepEqual(dagsterCommand({tool: 'dagster', metrics: 'm', definitions: 'defs.py'}, root), [
      'dagster',
      'asset',
      'materialize',
      '-f',
      'defs.py',
      '--select',
      '*',
    ])
    for (const bad of ['../x.yaml', '/etc/x.yaml', '../*.yaml', 'missing.yaml']) {
      assert.throws(
        () => dagsterCommand({tool: 'dagster', metrics: 'm', definitions: 'defs.py', config: bad}, root),
        /outside the repository/,
      )
    }
  })
})
