import {pythonStatements, tokenizePython, type PyProblem, type PyToken} from './python-tokens.js'

/**
 * One import statement's target. `import a.b as c` → {module: 'a.b', level: 0, names: []};
 * `from ..x import y, z` → {module: 'x', level: 2, names: ['y', 'z']}; `from . import *` → names ['*'].
 */
export type PythonImport = {line: number; module: string; level: number; names: string[]}

/**
 * The import statements of a Python source, found statically: at the start of a statement or after the
 * `:` of a one-line compound statement (`try: import x`), wherever they are nested (functions,
 * `if TYPE_CHECKING:`, try/except), as Python's own compiler sees them. Dynamic imports
 * (`importlib.import_module`, `__import__`) are not followed. `all` is a literal `__all__`, when there is one.
 */
export function scanPythonImports(source: string): {imports: PythonImport[]; all?: string[]; problems: PyProblem[]} {
  const {tokens, problems} = tokenizePython(source)
  const imports: PythonImport[] = []
  let all: string[] | undefined
  for (const st of pythonStatements(tokens)) {
    // `__all__ = [...]` / `+= [...]` of literal names: what `from package import *` imports.
    if (st[0]?.type === 'name' && st[0].value === '__all__' && (isOp(st[1], '=') || isOp(st[1], '+='))) {
      const names = st.slice(2).filter((t) => t.type === 'string' && !t.formatted).map((t) => t.value)
      all = isOp(st[1], '=') ? names : [...(all ?? []), ...names]
    }
    for (let k = 0; k < st.length; k++) {
      const t = st[k]
      const atStart = k === 0 || (st[k - 1].type === 'op' && st[k - 1].value === ':' && st[k - 1].depth === 0)
      if (!atStart || t.type !== 'name' || (t.value !== 'import' && t.value !== 'from')) continue
      const parsed = t.value === 'import' ? parseImport(st, k + 1) : parseFrom(st, k + 1)
      if (parsed) imports.push(...parsed.map((p) => ({...p, line: t.line})))
      else problems.push({line: t.line, message: `cannot read this ${t.value} statement`})
      break
    }
  }
  return {imports, ...(all ? {all} : {}), problems}
}

type Target = Omit<PythonImport, 'line'>

function dotted(st: PyToken[], k: number): {name: string; next: number} | undefined {
  if (st[k]?.type !== 'name') return undefined
  let name = st[k].value
  let j = k + 1
  while (st[j]?.type === 'op' && st[j].value === '.' && st[j + 1]?.type === 'name') {
    name += `.${st[j + 1].value}`
    j += 2
  }
  return {name, next: j}
}

const isOp = (t: PyToken | undefined, v: string): boolean => t?.type === 'op' && t.value === v

function parseImport(st: PyToken[], k: number): Target[] | undefined {
  const out: Target[] = []
  let j = k
  for (;;) {
    const d = dotted(st, j)
    if (!d) return undefined
    out.push({module: d.name, level: 0, names: []})
    j = d.next
    if (st[j]?.type === 'name' && st[j].value === 'as') {
      if (st[j + 1]?.type !== 'name') return undefined
      j += 2
    }
    if (isOp(st[j], ',')) {
      j++
      continue
    }
    return j >= st.length || isOp(st[j], ':') ? out : undefined
  }
}

function parseFrom(st: PyToken[], k: number): Target[] | undefined {
  let j = k
  let level = 0
  while (isOp(st[j], '.') || isOp(st[j], '...')) level += st[j++].value.length
  let module = ''
  const d = dotted(st, j)
  if (d && d.name !== 'import') {
    module = d.name
    j = d.next
  }
  if (level === 0 && !module) return undefined
  if (st[j]?.type !== 'name' || st[j].value !== 'import') return undefined
  j++
  if (isOp(st[j], '*')) return [{module, level, names: ['*']}]
  const paren = isOp(st[j], '(')
  if (paren) j++
  const names: string[] = []
  while (st[j]?.type === 'name') {
    names.push(st[j].value)
    j++
    if (st[j]?.type === 'name' && st[j].value === 'as') j += 2
    if (!isOp(st[j], ',')) break
    j++
  }
  if (paren && !isOp(st[j++], ')')) return undefined
  return names.length > 0 ? [{module, level, names}] : undefined
}
