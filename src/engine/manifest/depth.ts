/**
 * A cheap upper estimate of the nesting depth of YAML text, in one pass over its lines and without
 * parsing it: block indentation levels, `- ` entries on one line and open flow brackets (outside quotes
 * and comments). A manifest nests about 8 deep; a text nesting hundreds deep is refused from this
 * estimate before the YAML parser builds (and the validator walks) a tree for it.
 * Returns the first line where the estimate passes `max`, or undefined.
 */
export function tooDeepAt(text: string, max: number): number | undefined {
  const indents: number[] = []
  let flow = 0
  let blockScalarParent: number | undefined
  const lines = text.split('\n')
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]
    const indent = line.length - line.trimStart().length
    const body = line.trim()
    if (blockScalarParent !== undefined) {
      if (body === '' || indent > blockScalarParent) continue
      blockScalarParent = undefined
    }
    if (body === '' || body.startsWith('#')) continue
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop()
      indents.push(indent)
    }
    let dashes = 0
    let quote: string | undefined
    for (let i = 0; i < line.length; i++) {
      const c = line[i]
      if (quote) {
        if (c === quote) quote = undefined
        continue
      }
      if (c === '"' || c === "'") quote = c
      else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) break
      else if (c === '[' || c === '{') {
        if (indents.length + dashes + ++flow > max) return n + 1
      } else if ((c === ']' || c === '}') && flow > 0) flow--
      else if (c === '-' && flow === 0 && (line[i + 1] ?? ' ') === ' ' && /^[\s-]*$/.test(line.slice(0, i))) dashes++
    }
    if (indents.length + dashes + flow > max) return n + 1
    if (flow === 0 && /[|>][0-9+-]*\s*(#.*)?$/.test(body)) blockScalarParent = indent
  }
  return undefined
}
