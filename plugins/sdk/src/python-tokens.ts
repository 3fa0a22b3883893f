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
const ESCAPES: Record<string, string> = {n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0'}

// One token per match, groups: 1 blanks or a comment, 2 newline, 3 line continuation, 4 name, 5 number,
// 6 opening quote; else 7 an operator (longest first).
const LEX = new RegExp(
  [
    String.raw`([ \t\f\r]+|#[^\n]*)`,
    String.raw`(\n)`,
    String.raw`(\\\r?\n)`,
    String.raw`([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)`,
    String.raw`(\d[\w.]*)`,
    String.raw`(['"])`,
    String.raw`(\.\.\.|\*\*=|\/\/=|>>=|<<=|:=|->|==|!=|<=|>=|\*\*|\/\/|<<|>>|[-+*\/%&|^@]=|[^\s\w'"])`,
  ].join('|'),
  'y',
)
/** Bodies of plain strings after the opening quote, through the closing one (a backslash escapes anything). */
export const STRING_BODY = {
  single: String.raw`(?:[^'\\\n]|\\[\s\S])*'`,
  double: String.raw`(?:[^"\\\n]|\\[\s\S])*"`,
  tripleSingle: String.raw`(?:[^'\\]|\\[\s\S]|'(?!''))*'''`,
  tripleDouble: String.raw`(?:[^"\\]|\\[\s\S]|"(?!""))*"""`,
}
const SQ1 = new RegExp(STRING_BODY.single, 'y')
const DQ1 = new RegExp(STRING_BODY.double, 'y')
const SQ3 = new RegExp(STRING_BODY.tripleSingle, 'y')
const DQ3 = new RegExp(STRING_BODY.tripleDouble, 'y')

/**
 * Tokens of a Python source, or with `statement` of the one simple statement starting at `start` (on
 * line `line`), up to its NEWLINE or `;` outside brackets, or with `one` of one token; `end` is where reading
 * stopped and `line` the line there.
 */
export function tokenizePython(
  source: string,
  options: {start?: number; line?: number; statement?: boolean; one?: boolean} = {},
): {tokens: PyToken[]; problems: PyProblem[]; end: number; line: number} {
  const s = options.start === undefined && source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  const tokens: PyToken[] = []
  const problems: PyProblem[] = []
  let i = options.start ?? 0
  let line = options.line ?? 1
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
        text += `${s.slice(from, i)}{`
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

  /** A string at i (its opening quote): a plain one in one regex match; f-strings and errors by readString. */
  const readAnyString = (prefix: string): {ok: boolean; text: string} => {
    if (prefix.includes('f') || prefix.includes('t')) return readString(prefix)
    const q = s[i]
    const triple = s[i + 1] === q && s[i + 2] === q
    const re = triple ? (q === "'" ? SQ3 : DQ3) : q === "'" ? SQ1 : DQ1
    re.lastIndex = i + (triple ? 3 : 1)
    const m = re.exec(s)
    if (!m) return readString(prefix) // unterminated: the char reader reports it where it stops
    const body = m[0].slice(0, triple ? -3 : -1)
    i = re.lastIndex
    for (let k = body.indexOf('\n'); k >= 0; k = body.indexOf('\n', k + 1)) line++
    if (prefix.includes('r') || !body.includes('\\')) return {ok: true, text: body}
    return {ok: true, text: body.replace(/\\([\s\S])/g, (e, c: string) => ESCAPES[c] ?? e)}
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

  // Runs of blanks, comments, names and plain strings are consumed by the regex engine, not char by char
  // in JavaScript: the walk runs on every `sei status`, mostly before the JIT warms up.
  while (i < s.length && !(options.one && tokens.length > 0)) {
    LEX.lastIndex = i
    const m = LEX.exec(s)
    if (!m) {
      tokens.push({type: 'op', value: s[i], line, depth}) // a stray backslash: an operator, then on
      i++
      continue
    }
    const [text, blank, nl, cont, name, number, quote] = m
    if (blank !== undefined) i += text.length
    else if (nl !== undefined) {
      if (depth === 0) tokens.push({type: 'newline', value: '\n', line, depth})
      line++
      i++
      if (depth === 0 && options.statement) break
    } else if (cont !== undefined) {
      line++
      i += text.length
    } else if (name !== undefined) {
      i += name.length
      const prefix = s[i] === '"' || s[i] === "'" ? name.toLowerCase() : ''
      if (prefix && STRING_PREFIXES.has(prefix)) {
        const at = line
        const r = readAnyString(prefix)
        const formatted = prefix.includes('f') || prefix.includes('t')
        tokens.push({type: 'string', value: r.text, line: at, depth, ...(formatted ? {formatted} : {})})
        if (!r.ok) break
      } else tokens.push({type: 'name', value: name, line, depth})
    } else if (number !== undefined) {
      tokens.push({type: 'other', value: number, line, depth})
      i += number.length
    } else if (quote !== undefined) {
      const at = line
      const r = readAnyString('')
      tokens.push({type: 'string', value: r.text, line: at, depth})
      if (!r.ok) break
    } else {
      if (text === '(' || text === '[' || text === '{') depth++
      tokens.push({type: 'op', value: text, line, depth})
      if (text === ')' || text === ']' || text === '}') depth = Math.max(0, depth - 1)
      i += text.length
      if (text === ';' && depth === 0 && options.statement) break
    }
  }
  return {tokens, problems, end: i, line}
}
