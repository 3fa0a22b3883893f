import {readFile, readdir, stat} from 'node:fs/promises'
import {join, posix} from 'node:path'
import {type InputGraph, type InputKind, type PipelineInput, type RecordedHash, dvcPointerHash} from '@sei/sdk'
import {type DvcStage, type Loader, readDvcYaml} from './dvc-yaml.js'

const CODE = new Set([
  '.py',
  '.pyx',
  '.ipynb',
  '.r',
  '.jl',
  '.sh',
  '.bash',
  '.sql',
  '.js',
  '.mjs',
  '.ts',
  '.scala',
  '.java',
  '.kt',
  '.go',
  '.rs',
  '.c',
  '.cc',
  '.cpp',
  '.h',
  '.hpp',
  '.m',
  '.pl',
  '.rb',
  '.lua',
])
const ENV_FILES = [
  String.raw`requirements[^/]*\.(txt|in)`,
  String.raw`constraints[^/]*\.txt`,
  String.raw`pyproject\.toml`,
  String.raw`poetry\.lock`,
  String.raw`uv\.lock`,
  String.raw`pdm\.lock`,
  String.raw`Pipfile(\.lock)?`,
  String.raw`conda[^/]*\.ya?ml`,
  String.raw`environment[^/]*\.ya?ml`,
  String.raw`python_env\.ya?ml`,
  String.raw`setup\.(py|cfg)`,
]
const ENV = new RegExp(`^(${ENV_FILES.join('|')})$`, 'i')

async function kindOf(root: string, rel: string, dirs: Set<string>): Promise<InputKind> {
  const base = posix.basename(rel)
  if (ENV.test(base)) return 'env'
  if (CODE.has(posix.extname(base).toLowerCase())) return 'code'
  // A directory is code when every file below it is (a package), data otherwise.
  try {
    if (!(await stat(join(root, rel))).isDirectory()) return 'data'
    dirs.add(rel)
    const files = (await readdir(join(root, rel), {recursive: true, withFileTypes: true})).filter(
      (e) => e.isFile() && e.name !== '__pycache__' && !e.parentPath.includes('__pycache__'),
    )
    return files.length > 0 &&
      files.every((f) => CODE.has(posix.extname(f.name).toLowerCase()) || f.name.endsWith('.pyc'))
      ? 'code'
      : 'data'
  } catch {
    return 'data'
  }
}

type LockStage = {cmd?: unknown; deps?: {path: string; md5?: string}[]; outs?: {path: string; md5?: string}[]}

function yamlLoader(root: string, parse: (text: string) => unknown): Loader & {cache: Map<string, unknown>} {
  const cache = new Map<string, unknown>()
  return {
    cache,
    async data(rel) {
      if (cache.has(rel)) return cache.get(rel)
      let text: string | undefined
      try {
        text = await readFile(join(root, rel), 'utf8')
      } catch {
        text = undefined
      }
      let value: unknown
      try {
        value = text === undefined ? undefined : parse(text)
      } catch (error) {
        throw new Error(`${rel}: ${(error as Error).message.split('\n')[0]}`)
      }
      cache.set(rel, value)
      return value
    },
  }
}

function valueAt(data: unknown, key: string): {found: boolean; value?: unknown} {
  // DVC reads a dotted key as a path, except when the file has the dotted key itself.
  if (data !== null && typeof data === 'object' && key in (data as object))
    return {found: true, value: (data as Record<string, unknown>)[key]}
  let v: unknown = data
  for (const part of key.split('.')) {
    if (v === null || typeof v !== 'object' || !(part in (v as object))) return {found: false}
    v = (v as Record<string, unknown>)[part]
  }
  return {found: true, value: v}
}

/**
 * The input graph of a DVC repository from dvc.yaml, dvc.lock and `*.dvc` files, without running DVC:
 * what `dvc status` compares (deps, outs, used param keys, stage commands) with the md5s DVC recorded.
 */
export async function dvcInputs(root: string, dvcFiles: string[] = ['dvc.yaml']): Promise<InputGraph> {
  const {parse} = await import('yaml')
  const loader = yamlLoader(root, (t) => parse(t))
  // dvc.lock and `*.dvc` read as text only: an all-digit md5 must not become a number.
  const records = yamlLoader(root, (t) => parse(t, {schema: 'failsafe'}))
  const stages: DvcStage[] = []
  for (const f of dvcFiles) {
    try {
      stages.push(...(await readDvcYaml(f, loader)))
    } catch (error) {
      throw Object.assign(new Error(`cannot read the DVC pipeline: ${(error as Error).message}`), {
        actions: ['Fix dvc.yaml (`dvc status` shows the same problem).'],
      })
    }
  }
  const inputs: PipelineInput[] = []
  const dirs = new Set<string>()
  const warnings: string[] = []
  const seen = new Set<string>()
  const add = (i: PipelineInput) => {
    const id = `${i.kind}:${i.path}#${i.key ?? ''}`
    if (seen.has(id)) return
    seen.add(id)
    inputs.push(i)
  }
  const outputs = new Map<string, RecordedHash | undefined>()
  const lockDeps = new Map<DvcStage, (p: string) => RecordedHash | undefined>()
  for (const f of dvcFiles) {
    const lockPath = posix.join(posix.dirname(f), 'dvc.lock')
    const lock = (await records.data(lockPath)) as {stages?: Record<string, LockStage>} | undefined
    for (const s of stages.filter((x) => x.file === f)) {
      const recorded = lock?.stages?.[s.name]
      const md5Of = (list: {path: string; md5?: string}[] | undefined, p: string): RecordedHash | undefined => {
        const hit = list?.find((e) => posix.normalize(posix.join(s.wdir, e.path)) === p)
        return hit?.md5 ? {algorithm: 'md5', value: hit.md5, source: lockPath} : undefined
      }
      for (const o of s.outs) outputs.set(o.path, md5Of(recorded?.outs, o.path))
      // dvc status compares these parts of a stage; desc, meta, frozen, cache/persist flags are not changes.
      add({
        path: f,
        kind: 'stage',
        key: s.name,
        declaredBy: s.name,
        value: {
          cmd: s.cmd ?? null,
          deps: s.deps.map((d) => d.path).sort(),
          outs: s.outs.map((o) => o.path).sort(),
          params: s.params.flatMap((p) => (p.keys ?? ['*']).map((k) => `${p.file}:${k}`)).sort(),
        },
      })
      lockDeps.set(s, (p) => md5Of(recorded?.deps, p))
    }
  }
  for (const s of stages) {
    // A frozen stage is never reproduced; DVC does not look at its dependencies (only its outputs).
    if (!s.frozen) {
      for (const d of s.deps) {
        if (outputs.has(d.path)) continue
        // A `dvc add`-ed or `dvc import`-ed dep is pinned by its pointer (an import is never fetched).
        const recorded = (await dvcPointerHash(root, d.path)) ?? lockDeps.get(s)?.(d.path)
        add({path: d.path, kind: await kindOf(root, d.path, dirs), recorded, declaredBy: s.name})
      }
      for (const p of s.params) {
        if (/\.(toml|py)$/.test(p.file)) {
          // sei reads YAML and JSON params per key; other formats DVC accepts are compared as whole files.
          add({path: p.file, kind: 'params', declaredBy: s.name})
          warnings.push(`${p.file} (params of stage ${s.name}) is compared as a whole file: any edit of it is drift`)
          continue
        }
        const data = await loader.data(p.file)
        if (data === undefined)
          throw Object.assign(new Error(`params file ${p.file} of stage ${s.name} does not exist`), {
            actions: [`Create ${p.file} or fix the params of stage ${s.name} in ${s.file}.`],
          })
        if (p.keys === null) {
          add({path: p.file, kind: 'params', value: data, declaredBy: s.name})
          continue
        }
        for (const key of p.keys) {
          const v = valueAt(data, key)
          if (!v.found)
            throw Object.assign(new Error(`param ${key} of stage ${s.name} is not in ${p.file}`), {
              actions: [`Add ${key} to ${p.file} or remove it from the params of stage ${s.name}.`],
            })
          add({path: p.file, kind: 'params', key, value: v.value, declaredBy: s.name})
        }
      }
    }
    for (const o of s.outs) add({path: o.path, kind: 'output', recorded: outputs.get(o.path), declaredBy: s.name})
  }
  return {inputs, warnings, sources: [...new Set([...loader.cache.keys(), ...records.cache.keys(), ...dirs])].sort()}
}
