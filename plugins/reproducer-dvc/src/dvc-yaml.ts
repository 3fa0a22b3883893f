import {posix} from 'node:path'

// dvc.yaml as DVC itself reads it: `vars` (and the default params.yaml) form the interpolation
// context, `foreach`/`matrix` expand into one stage per item, paths are relative to the stage's `wdir`.

/** One param a stage reads: `keys` null means the whole file. */
export type ParamUse = {file: string; keys: string[] | null}

/** A stage after expansion and interpolation, paths made repository-relative. */
export type DvcStage = {
  /** `train`, `each@a`, `grid@0.1-adam` (DVC's own names, as dvc.lock writes them). */
  name: string
  /** Repository-relative dvc.yaml that defines it. */
  file: string
  /** Repository-relative working directory (`.` for the repository root). */
  wdir: string
  cmd: unknown
  /** Dependency paths as written (relative to wdir) and repository-relative. */
  deps: {written: string; path: string}[]
  outs: {written: string; path: string}[]
  params: ParamUse[]
  frozen: boolean
}

export type Loader = {
  /** Parsed YAML/JSON file at a repository-relative path, or undefined when absent. */
  data(rel: string): Promise<unknown>
}

type Ctx = Record<string, unknown>

const WHOLE = /^\$\{\s*([^}]+?)\s*\}$/
const PART = /(\\)?\$\{\s*([^}]+?)\s*\}/g

function lookup(ctx: Ctx, expr: string, where: string): unknown {
  let value: unknown = ctx
  for (const part of expr.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (value === null || typeof value !== 'object' || !(part in (value as Ctx)))
      throw new Error(`${where}: \${${expr}} is not defined`)
    value = (value as Ctx)[part]
  }
  return value
}

/** `${a.b}` as the whole string keeps the value's type; inside text it is stringified (DVC's rule). */
export function interpolate(value: unknown, ctx: Ctx, where: string): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value)
    if (whole) return lookup(ctx, whole[1], where)
    return value.replace(PART, (m, escaped: string | undefined, expr: string) => {
      if (escaped) return m.slice(1)
      const v = lookup(ctx, expr, where)
      if (v !== null && typeof v === 'object')
        throw new Error(`${where}: \${${expr}} is not a scalar and cannot be part of a string`)
      return String(v)
    })
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, ctx, where))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Ctx).map(([k, v]) => [interpolate(k, ctx, where) as string, interpolate(v, ctx, where)]),
    )
  }
  return value
}

function isPlain(v: unknown): v is Ctx {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function merge(into: Ctx, from: Ctx): void {
  for (const [k, v] of Object.entries(from)) {
    if (isPlain(v) && isPlain(into[k])) merge(into[k] as Ctx, v)
    else into[k] = v
  }
}

/** Adds `vars:` entries (files, `file:key,key`, inline mappings) to the context. */
async function addVars(ctx: Ctx, vars: unknown, dir: string, loader: Loader, where: string): Promise<void> {
  for (const entry of Array.isArray(vars) ? vars : vars === undefined || vars === null ? [] : [vars]) {
    if (isPlain(entry)) {
      merge(ctx, entry)
      continue
    }
    if (typeof entry !== 'string') throw new Error(`${where}: vars entries are file names or mappings`)
    const [file, keys] = entry.split(':')
    const rel = posix.normalize(posix.join(dir, file))
    const data = await loader.data(rel)
    if (data === undefined) throw new Error(`${where}: vars file ${rel} does not exist`)
    if (!isPlain(data)) continue
    if (keys) for (const k of keys.split(',')) merge(ctx, {[k.trim()]: data[k.trim()]})
    else merge(ctx, data)
  }
}

function itemName(v: unknown, index: number | string): string {
  return v === null || typeof v !== 'object' ? String(v) : String(index)
}

/** The (name, extra context) of every stage a `foreach` or `matrix` definition generates. */
function expand(name: string, def: Ctx, ctx: Ctx, where: string): {name: string; vars: Ctx}[] {
  if ('foreach' in def) {
    const over = interpolate(def.foreach, ctx, where)
    if (Array.isArray(over)) return over.map((item, i) => ({name: `${name}@${itemName(item, i)}`, vars: {item}}))
    if (isPlain(over)) return Object.entries(over).map(([key, item]) => ({name: `${name}@${key}`, vars: {item, key}}))
    throw new Error(`${where}: foreach needs a list or a mapping`)
  }
  const axes = Object.entries(interpolate(def.matrix, ctx, where) as Ctx)
  let combos: {parts: string[]; item: Ctx}[] = [{parts: [], item: {}}]
  for (const [axis, values] of axes) {
    if (!Array.isArray(values)) throw new Error(`${where}: matrix.${axis} needs a list`)
    combos = combos.flatMap((c) =>
      values.map((v, i) => ({
        parts: [...c.parts, v !== null && typeof v === 'object' ? `${axis}${i}` : String(v)],
        item: {...c.item, [axis]: v},
      })),
    )
  }
  return combos.map((c) => ({name: `${name}@${c.parts.join('-')}`, vars: {item: c.item}}))
}

function entryPath(entry: unknown, where: string): string {
  if (typeof entry === 'string') return entry
  if (isPlain(entry) && Object.keys(entry).length === 1) return Object.keys(entry)[0]
  throw new Error(`${where}: expected a path or {path: options}`)
}

function paramUses(list: unknown, where: string): ParamUse[] {
  const out: ParamUse[] = []
  for (const p of Array.isArray(list) ? list : []) {
    if (typeof p === 'string') out.push({file: 'params.yaml', keys: [p]})
    else if (isPlain(p)) {
      for (const [file, keys] of Object.entries(p)) {
        if (keys === null || (Array.isArray(keys) && keys.length === 0)) out.push({file, keys: null})
        else if (Array.isArray(keys)) out.push({file, keys: keys.map(String)})
        else throw new Error(`${where}: params of ${file} must be a list of keys`)
      }
    } else throw new Error(`${where}: a params entry is a key or {file: [keys]}`)
  }
  return out
}

/** Every stage of one dvc.yaml (repository-relative path `file`), expanded and interpolated. */
export async function readDvcYaml(file: string, loader: Loader): Promise<DvcStage[]> {
  const doc = await loader.data(file)
  if (doc === undefined) return []
  if (!isPlain(doc)) throw new Error(`${file}: not a mapping`)
  const dir = posix.dirname(file)
  const ctx: Ctx = {}
  // DVC loads the params.yaml beside dvc.yaml into the context before `vars`.
  const defaults = await loader.data(posix.normalize(posix.join(dir, 'params.yaml')))
  if (isPlain(defaults)) merge(ctx, structuredClone(defaults))
  await addVars(ctx, doc.vars, dir, loader, `${file} vars`)
  const stages: DvcStage[] = []
  for (const [base, raw] of Object.entries(isPlain(doc.stages) ? doc.stages : {})) {
    if (!isPlain(raw)) throw new Error(`${file} stages.${base}: not a mapping`)
    const generated =
      'foreach' in raw || 'matrix' in raw ? expand(base, raw, ctx, `${file} stages.${base}`) : [{name: base, vars: {}}]
    for (const g of generated) {
      const local: Ctx = {...structuredClone(ctx), ...g.vars}
      const body = (
        'foreach' in raw ? raw.do : Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'matrix'))
      ) as Ctx
      if (!isPlain(body)) throw new Error(`${file} stages.${base}: foreach needs a do: mapping`)
      const where = `${file} stages.${g.name}`
      await addVars(local, body.vars, dir, loader, `${where} vars`)
      const {vars: _v, ...rest} = body
      const s = interpolate(rest, local, where) as Ctx
      const wdir = posix.normalize(posix.join(dir, typeof s.wdir === 'string' ? s.wdir : '.'))
      const at = (p: string) => ({written: p, path: posix.normalize(posix.join(wdir, p))})
      const outs = [
        ...(Array.isArray(s.outs) ? s.outs : []),
        ...(Array.isArray(s.metrics) ? s.metrics : []),
        ...(Array.isArray(s.plots) ? s.plots : []),
      ]
      stages.push({
        name: g.name,
        file,
        wdir,
        cmd: s.cmd,
        deps: (Array.isArray(s.deps) ? s.deps : []).map((d) => at(entryPath(d, `${where} deps`))),
        outs: outs.map((o) => at(entryPath(o, `${where} outs`))),
        params: paramUses(s.params, `${where} params`).map((p) => ({
          ...p,
          file: posix.normalize(posix.join(wdir, p.file)),
        })),
        frozen: s.frozen === true,
      })
    }
  }
  return stages
}
