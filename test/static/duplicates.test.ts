import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative} from 'node:path'
import {after, describe, it} from 'node:test'

// The duplicate-code check (.jscpd.json, jscpd's default thresholds: 5 lines and 50 tokens) over src/ and
// plugins/*/src. JSON allows no comment, so the reason for its one exclusion is here: the standards catalogs
// (plugins/standard-*/src/catalog.ts) are clause data, one list per standard, whose entries share their shape
// by design; they hold no logic. Nothing else is excluded: a clone is removed by sharing the code, not by
// raising the thresholds. `gitignore: false`: jscpd 4 matches .gitignore's `tmp/` against absolute paths, so a
// checkout under /tmp (CI's clean clone) would scan nothing; lib/ and node_modules are ignored explicitly.
const root = join(import.meta.dirname, '..', '..', '..')
const jscpd = join(root, 'node_modules', '.bin', 'jscpd')
const scratch = mkdtempSync(join(tmpdir(), 'sei-jscpd-'))
after(() => rmSync(scratch, {recursive: true, force: true}))

type Place = {name: string; start: number; end: number}
type Report = {duplicates: {firstFile: Place; secondFile: Place; lines: number; tokens: number}[]; statistics: any}

/** jscpd over `paths` (relative to `cwd`: jscpd 4 reads no path outside its working directory). */
function scan(paths: string[], out: string, cwd = root): Report {
  const r = spawnSync(
    jscpd,
    ['--config', join(root, '.jscpd.json'), '--reporters', 'json', '--output', out, '--silent', ...paths],
    {cwd, encoding: 'utf8'},
  )
  assert.equal(r.status, 0, `jscpd failed: ${r.stdout}\n${r.stderr}`)
  return JSON.parse(readFileSync(join(out, 'jscpd-report.json'), 'utf8'))
}

const at = (p: Place) => `${relative(root, p.name)}:${p.start}-${p.end}`

describe('duplicate code (jscpd)', () => {
  it('finds a clone planted in a scratch folder (the check can fail)', () => {
    const body = (name: string) =>
      [
        `export function ${name}(values: number[], appetite: number): {exceeds: boolean; worst: number} {`,
        '  let worst = Number.NEGATIVE_INFINITY',
        '  for (const v of values) {',
        '    if (v > worst) worst = v',
        '  }',
        '  const exceeds = worst > appetite',
        '  return {exceeds, worst}',
        '}',
        '',
      ].join('\n')
    const planted = join(scratch, 'planted')
    mkdirSync(planted)
    writeFileSync(join(planted, 'a.ts'), body('first'))
    writeFileSync(join(planted, 'b.ts'), body('second'))
    const report = scan(['planted'], join(scratch, 'planted-report'), scratch)
    assert.equal(report.duplicates.length, 1)
  })

  it('src/ and plugins/*/src repeat no logic', () => {
    const report = scan([], join(scratch, 'report'))
    // A scan that read nothing would pass vacuously: src/ alone has well over a hundred files.
    assert.ok(report.statistics.total.sources > 100, `only ${report.statistics.total.sources} files scanned`)
    const clones = report.duplicates.map(
      (d) => `${at(d.firstFile)} ~ ${at(d.secondFile)} (${d.lines} lines, ${d.tokens} tokens)`,
    )
    assert.deepEqual(clones, [], `repeated code; share it instead:\n${clones.join('\n')}`)
  })
})
