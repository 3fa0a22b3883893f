// Commit-message trailers as `git interpret-trailers --parse` reads them (git's trailer.c), so that
// sei never counts a trailer git does not see, nor misses one it does: the message ends at a scissors
// line or a `---` divider, trailing comments and blank lines are ignored, the first paragraph (the
// title) holds none, and the trailer block is the last paragraph when all its lines are trailers (or
// it has a git-generated one and at least 25% trailers). Continuation lines are unfolded. The comment
// character is git's default `#`.

export type Trailer = {token: string; value: string}
export type ParsedMessage = {trailers: Trailer[] /** Text between the title and the trailer block. */; body: string}

const SCISSORS = '# ------------------------ >8 ------------------------\n'
const GIT_GENERATED = ['Signed-off-by: ', '(cherry picked from commit ']
// git's isspace is ASCII space, tab, newline and carriage return (not \v, \f, nor any Unicode space).
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r'
const isBlank = (line: string) => /^[ \t\r]*$/.test(line)
const trimAscii = (text: string) => text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '')

/** Where the token's separator `:` is (token: letters, digits, '-', then optional blanks), or -1. */
function separatorAt(line: string): number {
  let spaced = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === ':') return i
    if (!spaced && /[A-Za-z0-9-]/.test(c)) continue
    if (i > 0 && (c === ' ' || c === '\t')) {
      spaced = true
      continue
    }
    break
  }
  return -1
}

/**
 * git's find_end_of_log_message: the scissors line and a `---` divider end it,
 * then trailing comments and blank lines.
 */
function endOfMessage(text: string): number {
  let end = text.length
  if (text.startsWith(SCISSORS)) end = 0
  else {
    const at = text.indexOf(`\n${SCISSORS}`)
    if (at !== -1) end = at + 1
  }
  // The `---` divider (a patch part) — `git interpret-trailers --parse` honours it.
  for (let bol = 0; bol < end; ) {
    if (text.startsWith('---', bol) && isSpace(text[bol + 3])) {
      end = bol
      break
    }
    const nl = text.indexOf('\n', bol)
    bol = nl === -1 ? end : nl + 1
  }
  // Trailing comment lines and blank lines are not part of the message (ignored_log_message_bytes).
  let boc = -1
  let conflicts = false
  for (let bol = 0; bol < end; ) {
    const nl = text.indexOf('\n', bol)
    const next = nl === -1 || nl >= end ? end : nl + 1
    if (text[bol] === '#' || text[bol] === '\n') {
      if (boc === -1) boc = bol
    } else if (text.startsWith('Conflicts:\n', bol)) {
      conflicts = true
      if (boc === -1) boc = bol
    } else if (conflicts && text[bol] === '\t') {
      // a path of an old conflicts block
    } else if (boc !== -1) {
      boc = -1
      conflicts = false
    }
    bol = next
  }
  return boc === -1 ? end : boc
}

/** The lines of text[0, end) with their start offsets (each line keeps no newline). */
function linesOf(text: string, end: number): {at: number; line: string}[] {
  const out: {at: number; line: string}[] = []
  for (let bol = 0; bol < end; ) {
    const nl = text.indexOf('\n', bol)
    const stop = nl === -1 || nl >= end ? end : nl
    out.push({at: bol, line: text.slice(bol, stop)})
    bol = stop + 1
  }
  return out
}

/** Parses a raw commit message as `git interpret-trailers --parse` does. */
export function parseMessage(message: string): ParsedMessage {
  const end = endOfMessage(message)
  const lines = linesOf(message, end)
  // The title: up to the first blank line (comment lines skipped).
  let title = 0
  while (title < lines.length && (lines[title].line.startsWith('#') || !isBlank(lines[title].line))) title++
  let start = -1
  let onlySpaces = true
  let recognized = false
  let trailerLines = 0
  let nonTrailerLines = 0
  let continuations = 0
  for (let i = lines.length - 1; i >= title; i--) {
    const line = lines[i].line
    if (line.startsWith('#')) {
      nonTrailerLines += continuations
      continuations = 0
      continue
    }
    if (isBlank(line)) {
      if (onlySpaces) continue
      nonTrailerLines += continuations
      if ((recognized && trailerLines * 3 >= nonTrailerLines) || (trailerLines > 0 && nonTrailerLines === 0))
        start = i + 1
      break
    }
    onlySpaces = false
    if (GIT_GENERATED.some((p) => line.startsWith(p))) {
      trailerLines++
      recognized = true
      continue
    }
    if (separatorAt(line) >= 1 && !isSpace(line[0])) {
      trailerLines++
      continuations = 0
    } else if (isSpace(line[0])) {
      continuations++
    } else {
      nonTrailerLines++
      nonTrailerLines += continuations
      continuations = 0
    }
  }
  if (start === -1) return {trailers: [], body: bodyText(lines, title, lines.length)}
  // Unfold continuation lines into the trailer before them; comment lines are skipped.
  const raw: string[] = []
  let lastIsTrailer = false
  for (const {line} of lines.slice(start)) {
    if (lastIsTrailer && isSpace(line[0])) {
      raw[raw.length - 1] += `\n${line}`
      continue
    }
    raw.push(line)
    lastIsTrailer = separatorAt(line) >= 1
  }
  const trailers: Trailer[] = []
  for (const t of raw) {
    if (t.startsWith('#')) continue
    const sep = separatorAt(t)
    if (sep < 1) continue
    // git's unfold_value: each newline and the blanks after it become one space.
    const value = trimAscii(trimAscii(t.slice(sep + 1)).replace(/\n[ \t\n\r]*/g, ' '))
    trailers.push({token: trimAscii(t.slice(0, sep)), value})
  }
  return {trailers, body: bodyText(lines, title, start)}
}

function bodyText(lines: {line: string}[], from: number, to: number): string {
  return lines
    .slice(from, to)
    .map((l) => l.line)
    .filter((l) => !l.startsWith('#'))
    .join('\n')
    .trim()
}
