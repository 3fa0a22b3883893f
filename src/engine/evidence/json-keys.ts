/** Where a key of a JSON object is written: its (decoded) name, its path and 1-based line and column. */
export type JsonKeyAt = {key: string; path: string[]; line: number; col: number}

/**
 * The keys of every object in a JSON text, in order, with their position, and the keys written twice
 * in one object (JSON.parse keeps the last silently). A single pass over the text; the text must
 * already be valid JSON (JSON.parse said so).
 */
export function scanJsonKeys(text: string): {keys: JsonKeyAt[]; duplicates: JsonKeyAt[]} {
  const keys: JsonKeyAt[] = []
  const duplicates: JsonKeyAt[] = []
  // One frame per open container: its seen keys (objects only), the path to it, and the key being read.
  const stack: {seen?: Set<string>; path: string[]; expectKey: boolean; lastKey?: string; index: number}[] = []
  let line = 1
  let lineStart = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') {
      line++
      lineStart = i + 1
    } else if (c === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      const top = stack.at(-1)
      if (top?.seen && top.expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string
        const at = {key, path: [...top.path, key], line, col: i - lineStart + 1}
        keys.push(at)
        if (top.seen.has(key)) duplicates.push(at)
        top.seen.add(key)
        top.lastKey = key
        top.expectKey = false
      }
      i = j
    } else if (c === '{' || c === '[') {
      const top = stack.at(-1)
      const path = top ? [...top.path, top.seen ? (top.lastKey ?? '') : String(top.index)] : []
      stack.push(c === '{' ? {seen: new Set(), path, expectKey: true, index: 0} : {path, expectKey: false, index: 0})
    } else if (c === '}' || c === ']') {
      stack.pop()
    } else if (c === ',') {
      const top = stack.at(-1)
      if (top?.seen) top.expectKey = true
      else if (top) top.index++
    }
  }
  return {keys, duplicates}
}
