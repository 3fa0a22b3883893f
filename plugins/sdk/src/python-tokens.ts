/**
 * A Python tokenizer just precise enough to find import statements and string literals without
 * executing or fully parsing the file: comments, every string form (prefixes, triple quotes, raw,
 * f-strings with nested quotes as Python 3.12 allows), brackets, line continuations. It never throws:
 * what it cannot read is reported and it keeps what it read before.
 */
export type PyToken = {
  type: 'name' | 'op' | 'string' | 'newline' | 'other'
  /** The name or operator; for a plain (non-f) string, its text with simple escapes undone. */
  value: string
  line: number
  /** Bracket depth at the token: statements only end at depth 0. */
  depth: number
  /** For strings: an f-string or t-string (its value is not a constant). */
  formatted?: boolean
}

export type PyProblem = {line: number; message: string}

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf', 't', 'tr', 'rt'])
const OPS3 = new Set(['...', '**=', '//=', '>>=', '<<='])
const OPS2 = new Set([':=', '->', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@='])
const ESCAPES: Record<string, string> = {n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0'}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c.charCodeAt(0) > 127
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || (c >= '0' && c <= '9')
}

export function tokenizePython(source: string): {tokens: PyToken[]; problems: PyProblem[]} {
  const s = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  const tokens: PyToken[] = []
  const problems: PyProblem[] = []
  let i = 0
  let line = 1
  let depth = 0

  /**
   * Reads a string body from the opening quote at i; returns false when the file ends inside it.
   * In an f-string, a replacement field is read as code (nested strings, brackets) up to its `}`.
   */
  const readString = (prefix: string): {ok: boolean; text: string} => {
    const q = s[i]
    const triple = s[i + 1] === q && s[i + 2] === q
    const startLine = line
    const raw = prefix.includes('r')
    const formatted = prefix.includes('f') || prefix.includes('t')
    i += triple ? 3 : 1
    // The text is kept in slices between escapes and fields, not char by char (this runs on every status).
    let text = ''
    let from = i
    while (i < s.length) {
      const c = s[i]
      if (c === '\\') {
        const n = s[i + 1] ?? ''
        if (n === '\n') line++
        text += s.slice(from, i) + (raw ? c + n : (ESCAPES[n] ?? c + n))
        i += 2
        from = i
        continue
      }
      if (c === q && (!triple || (s[i + 1] === q && s[i + 2] === q))) {
        text += s.slice(from, i)
        i += triple ? 3 : 1
        return {ok: true, text}
      }
      if (c === '\n') {
        if (!triple) {
          problems.push({line: startLine, message: 'unterminated string literal'})
          return {ok: true, text: text + s.slice(from, i)} // resume at the line end, as the line is lost anyway
        }
        line++
      }
      if (formatted && c === '{') {
        text += s.slice(from, i) + '{'
        if (s[i + 1] === '{') {
          i += 2
          from = i
          continue
        }
        i++
        if (!readField()) return {ok: false, text}
        from = i
        continue
      }
      i++
    }
    problems.push({line: startLine, message: 'unterminated string literal (the file ends inside it)'})
    return {ok: false, text: text + s.slice(from)}
  }

  /** An f-string replacement field after its `{`: code up to the matching `}`, then a format spec. */
  const readField = (): boolean => {
    let d = 0
    let spec = false
    while (i < s.length) {
      const c = s[i]
      if (c === '\n') line++
      if (!spec && (c === '"' || c === "'")) {
        if (!readString('').ok) return false
        continue
      }
      if (c === '{' || (!spec && (c === '(' || c === '['))) d++
      else if (c === '}' || (!spec && (c === ')' || c === ']'))) {
        if (d === 0 && c === '}') {
          i++
          return true
        }
        d--
      } else if (c === ':' && d === 0 && !spec && s[i + 1] !== '=') spec = true
      else if (c === '#' && !spec) {
        while (i < s.length && s[i] !== '\n') i++
        continue
      }
      i++
    }
    return false
  }

  while (i < s.length) {
    const c = s[i]
    if (c === '\n') {
      if (depth === 0) tokens.push({type: 'newline', value: '\n', line, depth})
      line++
      i++
      continue
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++
      continue
    }
    if (c === '#') {
      while (i < s.length && s[i] !== '\n') i++
      continue
    }
    if (c === '\\' && (s[i + 1] === '\n' || (s[i + 1] === '\r' && s[i + 2] === '\n'))) {
      i += s[i + 1] === '\r' ? 3 : 2
      line++
      continue
    }
    if (c === '"' || c === "'") {
      const at = line
      const r = readString('')
      tokens.push({type: 'string', value: r.text, line: at, depth})
      if (!r.ok) break
      continue
    }
    if (isNameStart(c)) {
      let j = i + 1
      while (j < s.length && isNameChar(s[j])) j++
      const word = s.slice(i, j)
      if ((s[j] === '"' || s[j] === "'") && STRING_PREFIXES.has(word.toLowerCase())) {
        const at = line
        const prefix = word.toLowerCase()
        i = j
        const r = readString(prefix)
        const formatted = prefix.includes('f') || prefix.includes('t')
        tokens.push({type: 'string', value: r.text, line: at, depth, ...(formatted ? {formatted} : {})})
        if (!r.ok) break
        continue
      }
      tokens.push({type: 'name', value: word, line, depth})
      i = j
      continue
    }
    if (c >= '0' && c <= '9') {
      let j = i + 1
      while (j < s.length && (isNameChar(s[j]) || s[j] === '.')) j++
      tokens.push({type: 'other', value: s.slice(i, j), line, depth})
      i = j
      continue
    }
    const op = OPS3.has(s.slice(i, i + 3)) ? s.slice(i, i + 3) : OPS2.has(s.slice(i, i + 2)) ? s.slice(i, i + 2) : c
    if (op === '(' || op === '[' || op === '{') depth++
    tokens.push({type: 'op', value: op, line, depth})
    if (op === ')' || op === ']' || op === '}') depth = Math.max(0, depth - 1)
    i += op.length
  }
  return {tokens, problems}
}

/** The tokens split into simple statements (at NEWLINE and `;` outside brackets). */
export function pythonStatements(tokens: PyToken[]): PyToken[][] {
  const out: PyToken[][] = []
  let cur: PyToken[] = []
  for (const t of tokens) {
    if (t.type === 'newline' || (t.type === 'op' && t.value === ';' && t.depth === 0)) {
      if (cur.length > 0) out.push(cur)
      cur = []
    } else cur.push(t)
  }
  if (cur.length > 0) out.push(cur)
  return out
}
