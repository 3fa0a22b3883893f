import {readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import type {InputGraph, PipelineInput} from '@sei/sdk'
import {byInputId, dvcPointerHash, repoRelative, walkPythonImports} from '@sei/sdk'
import {configPatterns, expandConfig} from './config-files.js'
import {pathLiterals} from './literals.js'

type Pipeline = Record<string, unknown>

/** Strings anywhere in a parsed config value (run config: ops, resources, …). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v)
  else if (Array.isArray(v)) for (const x of v) strings(x, out)
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out)
  return out
}

/**
 * The input graph of a Dagster pipeline read without running Dagster: the definitions module and the
 * local modules it imports (static walk), the run config files (`params`, compared parsed), and the
 * files the code names as string literals where they can be read statically: a literal in the
 * definitions or a module they import (or a string in the run config) that names a file of the
 * repository, or a file DVC tracks by a `.dvc` pointer, and that the code does not write. A `.py` named
 * this way (`runpy.run_path("src/evaluate.py")`, a subprocess) is code, walked too. Limits: paths built
 * at run time (f-strings, os.path.join of variables, config read by the asset), IO managers and
 * resources that locate data themselves are not seen; declare those in the manifest's dataset.
 */
export async function dagsterInputs(pipeline: Pipeline, root: string): Promise<InputGraph> {
  const defs = String(pipeline.definitions)
  const inputs: PipelineInput[] = []
  const warnings: string[] = []
  const ids = new Set<string>()
  const add = (i: PipelineInput) => {
    const id = `${i.kind}\0${i.path}\0${i.key ?? ''}`
    if (!ids.has(id)) inputs.push(i)
    ids.add(id)
  }
  const walked = new Set<string>()
  const pending: {script: string; by: string}[] = [{script: defs, by: `definitions ${defs}`}]
  const literalSources: string[] = []

  /** A string naming a repository file (present, or pinned by a `.dvc` pointer) becomes an input. */
  const fileInput = async (value: string, by: string) => {
    const rel = repoRelative(root, value)
    const isFile = rel !== undefined && statSync(join(root, rel), {throwIfNoEntry: false})?.isFile()
    if (rel !== undefined && isFile && rel.endsWith('.py')) {
      pending.push({script: rel, by})
      return
    }
    const recorded = await dvcPointerHash(root, rel ?? value.replace(/^\.\//, ''))
    if (isFile || recorded) {
      add({path: rel ?? value.replace(/^\.\//, ''), kind: 'data', declaredBy: by, ...(recorded ? {recorded} : {})})
    }
  }

  const patterns = configPatterns(pipeline)
  // yaml costs ≈ 25 ms to load: only when there is run config to read.
  const parse = patterns.length > 0 ? (await import('yaml')).parse : undefined
  for (const pattern of patterns) {
    const files = expandConfig(root, pattern)
    if (files.length === 0) warnings.push(`run config ${pattern} names no file in the repository`)
    for (const f of files) {
      let value: unknown
      try {
        value = parse!(readFileSync(join(root, f), 'utf8'))
      } catch (error) {
        throw new Error(`${f}: run config is not valid YAML (${(error as Error).message.split('\n')[0]})`)
      }
      const of = typeof pipeline.job === 'string' ? `job ${pipeline.job}` : 'the materialisation'
      add({path: f, kind: 'params', value: value ?? null, declaredBy: `run config of ${of}`})
      for (const s of strings(value)) {
        const pathLike = !/[\n*?]|:\/\//.test(s) && (s.includes('/') || /\.[A-Za-z0-9]{1,12}$/.test(s))
        if (pathLike) await fileInput(s, `run config ${f}`)
      }
    }
  }
  for (let n = 0; n < pending.length; n++) {
    const {script, by} = pending[n]
    if (walked.has(script)) continue
    walked.add(script)
    const walk = walkPythonImports(root, script)
    warnings.push(...walk.problems)
    for (const m of walk.modules) {
      add({path: m.path, kind: 'code', declaredBy: by})
      if (n === 0) literalSources.push(m.path)
    }
    if (n !== 0 || script !== defs) continue
    // Literals are read in the definitions and the modules they import (the Dagster code), not in the
    // scripts it launches, whose outputs and inputs are not told apart by a literal.
    for (const src of literalSources) {
      let text: string
      try {
        text = readFileSync(join(root, src), 'utf8')
      } catch {
        continue
      }
      for (const lit of pathLiterals(text)) await fileInput(lit.value, `${src}:${lit.line}`)
    }
  }

  inputs.sort(byInputId)
  return {inputs, ...(warnings.length > 0 ? {warnings: [...new Set(warnings)]} : {})}
}
