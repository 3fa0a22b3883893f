import assert from 'node:assert/strict'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {parse} from 'yaml'
import type {Reproducer} from '@sei/sdk'
import {hasPythonEnv, pythonToolEnv} from '../helpers/python.js'
import {screeningRepo, type Tool} from '../pipelines/repo.js'
import {schemaProblems} from '../../src/engine/pipeline/options.js'

async function load(tool: Tool): Promise<Reproducer> {
  if (tool === 'dvc') return (await import('@sei/reproducer-dvc')).dvcReproducer
  if (tool === 'mlflow') return (await import('@sei/reproducer-mlflow')).mlflowReproducer
  return (await import('@sei/reproducer-dagster')).dagsterReproducer
}

/** The same contract for every reproducer, run for real on the tiny screening pipeline. */
export function reproducerContract(
  tool: Tool,
  options: {lockFile?: string; after?(root: string, env: Record<string, string | undefined>): void} = {},
): void {
  describe(`reproducer ${tool} (real ${tool})`, {skip: !hasPythonEnv && 'no project Python env'}, () => {
    it('answers sei:reproducers for its tool and validates the manifest pipeline: block with its schema', async () => {
      const r = await load(tool)
      assert.equal(r.tool, tool)
      assert.equal(r.lockFile, options.lockFile)
      const root = screeningRepo(tool)
      const pipeline = parse(readFileSync(join(root, 'sei.yaml'), 'utf8')).pipeline
      const own = Object.fromEntries(
        Object.entries(pipeline).filter(([k]) => !['tool', 'metrics', 'params'].includes(k)),
      )
      assert.deepEqual(schemaProblems({...r.optionsSchema, additionalProperties: false}, own), [])
      assert.notDeepEqual(schemaProblems({...r.optionsSchema, additionalProperties: false}, {...own, bogus: 1}), [])
    })

    it('runs the tool with an argument array, streams its output and produces the metrics', async () => {
      const r = await load(tool)
      const root = screeningRepo(tool)
      const env = pythonToolEnv()
      const lines: string[] = []
      const pipeline = parse(readFileSync(join(root, 'sei.yaml'), 'utf8')).pipeline
      const result = await r.reproduce({root, pipeline, force: false, env, onOutput: (l) => lines.push(l)})
      assert.equal(result.exitCode, 0, lines.join('\n'))
      assert.ok(Array.isArray(result.command) && result.command[0] === tool)
      // Hand-computed from data/screening.csv at threshold 0.7: 5 of 10 positives, 1 of 10 negatives.
      assert.deepEqual(JSON.parse(readFileSync(join(root, 'metrics.json'), 'utf8')), {
        'screen-recall': 0.5,
        'screen-fpr': 0.1,
      })
      assert.ok(
        lines.some((l) => l.includes('recall=0.5')),
        "the script's own output must be streamed",
      )
      if (options.lockFile) readFileSync(join(root, options.lockFile))
      options.after?.(root, env)
    })

    it("fails with the tool's exit code and message when the pipeline breaks", async () => {
      const r = await load(tool)
      const root = screeningRepo(tool)
      writeFileSync(join(root, 'src/evaluate.py'), 'raise SystemExit("evaluation exploded on purpose")\n')
      const lines: string[] = []
      const pipeline = parse(readFileSync(join(root, 'sei.yaml'), 'utf8')).pipeline
      const result = await r.reproduce({
        root,
        pipeline,
        force: true,
        env: pythonToolEnv(),
        onOutput: (l) => lines.push(l),
      })
      assert.notEqual(result.exitCode, 0)
      assert.ok(
        lines.some((l) => l.includes('evaluation exploded on purpose')),
        lines.slice(-10).join('\n'),
      )
    })
  })
}
