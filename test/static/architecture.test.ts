import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {describe, it} from 'node:test'

// The dependency rule (.dependency-cruiser.cjs, ARCHITECTURE.md) is part of the suite: a cycle, an import
// that skips a concern's index, a plugin reaching past @sei/sdk or the engine importing the CLI fails `npm test`.
const root = join(import.meta.dirname, '..', '..', '..')
const config = join(root, '.dependency-cruiser.cjs')
const cli = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')

type Violation = {from: string; to: string; rule: {name: string}; cycle?: {name: string}[]}

/** The violations dependency-cruiser reports for `dirs` (relative to `cwd`), judged by sei's config. */
function cruise(cwd: string, dirs: string[]): Violation[] {
  const r = spawnSync(process.execPath, [cli, '--config', config, '--output-type', 'json', ...dirs], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  assert.ok(r.stdout, `dependency-cruiser printed nothing (exit ${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout).summary.violations
}

const show = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.cycle ? v.cycle.map((c) => c.name).join(' → ') : v.to}`

// Violations known and accepted: none (the list may only shrink; a listed one that is gone fails too).
const PENDING: string[] = []

describe('architecture (dependency-cruiser)', () => {
  it('src/ and plugins/*/src break no dependency rule', () => {
    const plugins = readdirSync(join(root, 'plugins'))
      .map((p) => `plugins/${p}/src`)
      .filter((p) => existsSync(join(root, p)))
    const found = cruise(root, ['src', ...plugins])
      .map(show)
      .sort()
    assert.deepEqual(found, PENDING, `dependency rule broken:\n${found.join('\n')}`)
  })

  it('reports a cycle, an import skipping an index, the engine importing a command, a plugin importing src/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sei-arch-'))
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({compilerOptions: {module: 'nodenext', moduleResolution: 'nodenext'}}),
      'src/engine/errors.ts': 'export const E = 1\n',
      'src/engine/alpha/index.ts': "export {x} from './x.js'\n",
      'src/engine/alpha/x.ts': "import {E} from '../errors.js'\nexport const x = E\n",
      // allowed: another concern's index, and the shared leaf errors.ts
      'src/engine/beta/index.ts': "import {x} from '../alpha/index.js'\nexport {y} from './y.js'\nexport const b = x\n",
      // skips alpha's index
      'src/engine/beta/y.ts': "import {x} from '../alpha/x.js'\nexport const y = x\n",
      // a cycle inside one concern (reported once)
      'src/engine/gamma/p.ts': "import {q} from './q.js'\nexport const p = () => q\n",
      'src/engine/gamma/q.ts': "import {p} from './p.js'\nexport const q = () => p\n",
      // the engine importing a command
      'src/engine/gamma/index.ts': "import {run} from '../../commands/run.js'\nexport const g = run\n",
      // a command: allowed through the index, not past it
      'src/commands/run.ts': [
        "import {b} from '../engine/beta/index.js'",
        "import {x} from '../engine/alpha/x.js'",
        'export const run = [b, x]\n',
      ].join('\n'),
      // a plugin reaching into src/, another into a plugin, the sdk into src/
      'plugins/thing/src/index.ts': "import {b} from '../../../src/engine/beta/index.js'\nexport const t = b\n",
      'plugins/other/src/index.ts': "import {t} from '../../thing/src/index.js'\nexport const o = t\n",
      'plugins/sdk/src/index.ts': "import {E} from '../../../src/engine/errors.js'\nexport const s = E\n",
    }
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), {recursive: true})
      writeFileSync(join(dir, path), text)
    }
    const found = cruise(dir, ['src', 'plugins/thing/src', 'plugins/other/src', 'plugins/sdk/src']).map(show).sort()
    assert.deepEqual(found, [
      'engine-concern-through-index: src/engine/beta/y.ts → src/engine/alpha/x.ts',
      'engine-not-on-commands: src/engine/gamma/index.ts → src/commands/run.ts',
      'no-circular: src/engine/gamma/p.ts → src/engine/gamma/q.ts → src/engine/gamma/p.ts',
      'outside-engine-through-index: src/commands/run.ts → src/engine/alpha/x.ts',
      'plugins-only-through-sdk: plugins/other/src/index.ts → plugins/thing/src/index.ts',
      'plugins-only-through-sdk: plugins/sdk/src/index.ts → src/engine/errors.ts',
      'plugins-only-through-sdk: plugins/thing/src/index.ts → src/engine/beta/index.ts',
    ])
  })
})
