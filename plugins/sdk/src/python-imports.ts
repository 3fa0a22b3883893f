import {STRING_BODY, tokenizePython, type PyProblem, type PyToken} from './python-tokens.js'

/**
 * One import statement's target. `import a.b as c` → {module: 'a.b', level: 0, names: []};
 * `from ..x import y, z` → {module: 'x', level: 2, names: ['y', 'z']}; `from . import *` → names ['*'].
 */
export type PythonImport = {line: number; module: string; level: number; names: string[]}

/** What a scan of one file finds: its imports, its literal `__all__` if any, what it could not read. */
export type PythonScan = {imports: PythonImport[]; all?: string[]; problems: PyProblem[]}

// A string body from its opening quote (a one-quote string never starts where a triple one does).
const STRING = [
  `'''${STRING_BODY.tripleSingle}`,
  `"""${STRING_BODY.tripleDouble}`,
  `'(?!'')${STRING_BODY.single}`,
  `"(?!"")${STRING_BODY.double}`,
].join('|')
// Leftmost of: 1 a comment, 2 a plain string (optional r/b/u prefix), 3 the prefix of an f- or t-string,
// 4 a quote no plain string starts at (unterminated), 5 a keyword that may start a statement we read.
const SKIP = new RegExp(
  [
    String.raw`(#[^\n]*)`,
    String.raw`((?:\b[rRbBuU]{1,2})?(?:${STRING}))`,
    String.raw`(\b(?:[fFtT][rR]?|[rR][fFtT])(?=['"]))`,
    String.raw`(['"])`,
    String.raw`\b(import|from|__all__)\b`,
  ].join('|'),
  'g',
)
const PLAIN = new RegExp(STRING, 'y')

/** Whether an f-string read as a plain one is exact: balanced fields (a nested quote would cut one open). */
function balancedFields(text: string): boolean {
  let d = 0
  for (const c of text.replace(/\{\{|\}\}/g, '')) {
    if (c === '{') d++
    else if (c === '}' && --d < 0) return false
  }
  return d === 0
}

/**
 * The import statements of a Python source, found statically: at the start of a statement or after the
 * `:` of a one-line compound statement (`try: import x`), wherever they are nested (functions,
 * `if TYPE_CHECKING:`, try/except), as Python's own compiler sees them. Dynamic imports
 * (`importlib.import_module`, `__import__`) are not followed. `all` is a literal `__all__`, when there is one.
 */
export function scanPythonImports(source: string): PythonScan {
  const s = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  const imports: PythonImport[] = []
  const problems: PyProblem[] = []
  let all: string[] | undefined
  // Comments, strings and everything between keywords are skipped by the regex engine; only a keyword
  // that starts a statement is tokenized, and only that statement: this runs on every `sei status`.
  let line = 1
  let counted = 0
  const lineAt = (pos: number): number => {
    for (let k = s.indexOf('\n', counted); k >= 0 && k < pos; k = s.indexOf('\n', k + 1)) line++
    counted = Math.max(counted, pos)
    return line
  }
  const re = new RegExp(SKIP.source, 'g')
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const pos = m.index
    if (m[1] !== undefined || m[2] !== undefined) continue
    if (m[3] !== undefined) {
      PLAIN.lastIndex = pos + m[3].length
      const f = PLAIN.exec(s)
      if (f && balancedFields(f[0])) {
        re.lastIndex = PLAIN.lastIndex
        continue
      }
    }
    if (m[3] !== undefined || m[4] !== undefined) {
      // An f-string with nested quotes, or a broken string: read by the tokenizer.
      const r = tokenizePython(s, {start: pos, line: lineAt(pos), one: true})
      problems.push(...r.problems)
      if (r.end >= s.length || r.end <= pos) break
      re.lastIndex = r.end
      continue
    }
    const lineStart = s.lastIndexOf('\n', pos - 1) + 1
    const before = s.slice(lineStart, pos).trim()
    const continued = before === '' && lineStart > 1 && /\\\r?\n$/.test(s.slice(Math.max(0, lineStart - 3), lineStart))
    if (continued || !(before === '' || before.endsWith(':') || before.endsWith(';'))) continue
    const at = lineAt(pos)
    const st = tokenizePython(s, {start: pos, line: at, statement: true})
    re.lastIndex = Math.max(st.end, pos + 1)
    const tokens = st.tokens.filter((x) => x.type !== 'newline' && !(x.type === 'op' && x.value === ';'))
    problems.push(...st.problems)
    const kw = m[5]
    if (kw === '__all__') {
      // `__all__ = [...]` / `+= [...]` of literal names: what `from package import *` imports.
      if (isOp(tokens[1], '=') || isOp(tokens[1], '+=')) {
        const names = tokens
          .slice(2)
          .filter((x) => x.type === 'string' && !x.formatted)
          .map((x) => x.value)
        all = isOp(tokens[1], '=') ? names : [...(all ?? []), ...names]
      }
      continue
    }
    const parsed = kw === 'import' ? parseImport(tokens, 1) : parseFrom(tokens, 1)
    if (parsed) for (const p of parsed) imports.push({...p, line: at})
    // `raise E \` / `from err` on a continued line is no import: only a statement with `import` is reported.
    else if (tokens.some((x) => x.type === 'name' && x.value === 'import')) {
      problems.push({line: at, message: `cannot read this ${kw} statement`})
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
