import assert from 'node:assert/strict'
import {readFileSync, readdirSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, it} from 'node:test'

// Lines stay under 120 characters (issue 20), also where Biome cannot wrap: a long string literal, a
// comment, a template. Every .ts and .js file sei's people write is checked; lib/ and node_modules are not theirs.
const root = join(import.meta.dirname, '..', '..', '..')
const MAX_LINE = 120
const SOURCE_DIRS = ['src', 'test', 'bench', 'scripts', 'bin']

// Data, not code: the standards catalogs' clause titles, one title per line. A title is the catalog's
// wording of a clause; cut in two, it can no longer be found by searching for that wording.
const DATA_FILES = /^plugins\/standard-[^/]+\/src\/catalog\.ts$/

/** The 1-based numbers and lengths of the lines of `text` longer than MAX_LINE characters (code points). */
function longLines(text: string): {line: number; length: number}[] {
  return text
    .split('\n')
    .map((l, i) => ({line: i + 1, length: [...l.replace(/\r$/, '')].length}))
    .filter((l) => l.length > MAX_LINE)
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'lib' ? [] : sourceFiles(p)
    return /\.(ts|js)$/.test(e.name) ? [relative(root, p)] : []
  })
}

function checkedFiles(): string[] {
  const plugins = readdirSync(join(root, 'plugins')).map((p) => join('plugins', p, 'src'))
  return [...SOURCE_DIRS, ...plugins]
    .flatMap((d) => sourceFiles(join(root, d)))
    .filter((f) => !DATA_FILES.test(f))
    .sort()
}

describe('line length', () => {
  it('counts characters, not bytes or UTF-16 units: 120 pass, 121 fail', () => {
    assert.deepEqual(longLines(`${'a'.repeat(120)}\n${'‖'.repeat(120)}\n${'😀'.repeat(120)}`), [])
    assert.deepEqual(longLines(`ok\n${'a'.repeat(121)}\r\n${'—'.repeat(121)}`), [
      {line: 2, length: 121},
      {line: 3, length: 121},
    ])
  })

  it('finds no line over 120 characters outside data', () => {
    const files = checkedFiles()
    assert.ok(files.includes('src/fast-path.ts') && files.includes('plugins/sdk/src/index.ts'), 'walked the tree')
    const over = files.flatMap((file) =>
      longLines(readFileSync(join(root, file), 'utf8')).map((l) => `${file}:${l.line}: ${l.length} characters`),
    )
    assert.deepEqual(over, [])
  })
})
