import type {PyToken} from '@sei/sdk'
import {tokenizePython} from '@sei/sdk'

// Calls whose string arguments are files the code writes, not reads (pandas, numpy, matplotlib, pickle,
// joblib, json, pathlib, os): such a literal is an output, never an input.
const WRITERS = new Set([
  'to_csv',
  'to_parquet',
  'to_json',
  'to_pickle',
  'to_excel',
  'to_feather',
  'to_hdf',
  'to_html',
  'to_latex',
  'to_markdown',
  'to_netcdf',
  'to_zarr',
  'to_orc',
  'to_stata',
  'savefig',
  'save',
  'savez',
  'savez_compressed',
  'savetxt',
  'dump',
  'imwrite',
  'imsave',
  'write_text',
  'write_bytes',
  'save_model',
  'log_artifact',
  'mkdir',
  'makedirs',
  'touch',
  'copy',
  'copyfile',
  'move',
  'rename',
  'replace',
  'unlink',
  'remove',
  'rmtree',
])

const WRITE_MODE = /^[rbt]*[wax+]/
const PATH_LIKE = /['"][^'"\n]*(?:\/|\.[A-Za-z0-9]{1,12}['"])/

/** Whether the string at index k is an argument of a call that writes it (`df.to_csv("x")`, `open("x", "w")`). */
function written(tokens: PyToken[], k: number): boolean {
  const t = tokens[k]
  let j = k - 1
  while (j >= 0 && !(tokens[j].type === 'op' && tokens[j].value === '(' && tokens[j].depth === t.depth)) {
    if (tokens[j].depth < t.depth) return false
    j--
  }
  if (j < 1 || tokens[j - 1].type !== 'name') return false
  const fn = tokens[j - 1].value
  if (WRITERS.has(fn)) return true
  // The call's closing parenthesis, then `.write_text(` / `.open("w")` on the Path it built.
  let e = k + 1
  const args: PyToken[] = []
  const closes = (x: PyToken) => x.type === 'op' && x.value === ')' && x.depth === t.depth
  while (e < tokens.length && !closes(tokens[e])) args.push(tokens[e++])
  const mode = (ts: PyToken[]) => ts.some((a) => a.type === 'string' && a.depth === t.depth && WRITE_MODE.test(a.value))
  if (fn === 'open' && mode(args)) return true
  if (tokens[e + 1]?.value === '.' && tokens[e + 2]?.type === 'name') {
    const method = tokens[e + 2].value
    if (WRITERS.has(method)) return true
    if (method === 'open') {
      const inner: PyToken[] = []
      for (let m = e + 4; m < tokens.length && !closes(tokens[m]); m++) inner.push(tokens[m])
      return mode(inner)
    }
  }
  return false
}

/**
 * The string literals of a Python source that look like relative file paths and are not written by the
 * code: candidates for the files a Dagster asset reads (`pd.read_csv("data/raw.csv")`,
 * `runpy.run_path("src/evaluate.py")`). The caller keeps those that name files in the repository.
 */
export function pathLiterals(source: string): {value: string; line: number}[] {
  // Most modules name no file at all: only tokenize one with a quoted word that has a / or an extension.
  if (!PATH_LIKE.test(source)) return []
  const {tokens} = tokenizePython(source)
  const out: {value: string; line: number}[] = []
  tokens.forEach((t, k) => {
    if (t.type !== 'string' || t.formatted) return
    const v = t.value
    if (v.length === 0 || v.length > 400 || /[\n\0*?{}]|:\/\/|^\s|\s$/.test(v) || v.startsWith('-')) return
    if (!v.includes('/') && !/\.[A-Za-z0-9]{1,12}$/.test(v)) return
    if (written(tokens, k)) return
    out.push({value: v, line: t.line})
  })
  return out
}
