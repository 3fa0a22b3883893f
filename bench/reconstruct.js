// `sei reconstruct` on generated histories of 1,000 / 5,000 / 20,000 commits, 10 % of them bundle
// revisions (a run every tenth commit, the gate flipping now and then), against the bare git walk
// `git log --format=%H -- .sei/bundle.json` on the same repository. Targets: time per commit flat
// within 30 % across sizes, and at most 3× the git walk.
// Run: node bench/reconstruct.js   (SEI_BENCH_SIZES=1000,5000,20000  SEI_BENCH_RUNS=7)
import {spawnSync} from 'node:child_process'
import {mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fmt, measureInterleaved, report, seiBin} from './lib.js'

const SIZES = (process.env.SEI_BENCH_SIZES ?? '1000,5000,20000').split(',').map(Number)
const RUNS = Number(process.env.SEI_BENCH_RUNS ?? 7)
const env = {...process.env, NO_COLOR: '1'}

const MANIFEST = `apiVersion: seigarrena.dev/v1alpha1
kind: AISystem
system:
  name: bench-history
risk:
  appetite: {individual: MEDIUM}
  review_interval: P6M
  risks:
${Array.from(
  {length: 5},
  (_, i) => `    - id: risk.r${i}
      title: Risk ${i}
      impact: {individual: HIGH}
      likelihood: LIKELY
      treat:
        - method: REDUCE
          residual_likelihood: RARE
          measures:
            - {id: m${i}, metric: x, constraint: "> 0.5", enforcement: gate}
`,
).join('')}`

function bundle(n) {
  // Each control flips every 7th revision (offset per control), so arcs exist throughout the history.
  const results = Array.from({length: 5}, (_, i) => {
    const v = (n + i) % 7 === 0 ? 0.3 : 0.9
    return {control_id: `m${i}`, risk_id: `risk.r${i}`, actual_value: v, enforcement_mode: 'block', passed: v > 0.5}
  })
  return JSON.stringify({triple: {code: `run-${n}`}, control_results: results}, null, 2)
}

/** A repository of `commits` commits made with one `git fast-import` (seconds, not minutes). */
function generate(commits) {
  const dir = mkdtempSync(join(tmpdir(), `sei-bench-history-${commits}-`))
  spawnSync('git', ['init', '-q', '-b', 'main', dir])
  const parts = []
  const blob = (text) => {
    const b = Buffer.from(text)
    parts.push(Buffer.from(`data ${b.length}\n`), b, Buffer.from('\n'))
  }
  const t0 = 1_700_000_000
  for (let i = 0; i < commits; i++) {
    const msg = i % 10 === 9 ? `run ${i}` : `work ${i}`
    parts.push(Buffer.from(`commit refs/heads/main\ncommitter Bench <b@b> ${t0 + i * 60} +0000\n`))
    blob(msg)
    if (i === 0) {
      parts.push(Buffer.from('M 100644 inline sei.yaml\n'))
      blob(MANIFEST)
    }
    parts.push(Buffer.from('M 100644 inline src/work.txt\n'))
    blob(`change ${i}\n`)
    if (i % 10 === 9) {
      parts.push(Buffer.from('M 100644 inline .sei/bundle.json\n'))
      blob(bundle(i))
    }
    parts.push(Buffer.from('\n'))
  }
  const r = spawnSync('git', ['fast-import', '--quiet'], {cwd: dir, input: Buffer.concat(parts)})
  if (r.status !== 0) throw new Error(`fast-import: ${r.stderr}`)
  spawnSync('git', ['checkout', '-q', '-f', 'main'], {cwd: dir})
  return dir
}

const rows = []
const points = []
const walkMs = []
for (const n of SIZES) {
  const dir = generate(n)
  const [walk, messages, sei] = measureInterleaved(
    [
      {argv: ['git', 'log', '--format=%H', '--', '.sei/bundle.json'], cwd: dir, env},
      // What sei cannot avoid reading: the message of every commit (governance trailers, treatment commits
      // between runs).
      {argv: ['git', 'log', '--format=%H%x1f%P%x1f%aI%x1f%at%x1f%an <%ae>%x1f%B', 'HEAD'], cwd: dir, env},
      {argv: [process.execPath, seiBin, 'reconstruct', '--json', '--repo', dir], env},
    ],
    {runs: RUNS},
  )
  walkMs.push(walk.median)
  const prev = points.at(-1)
  // Growth per added commit between two sizes: the start-up constant cancels out.
  const slope = prev ? (sei.median - prev.ms) / (n - prev.n) : undefined
  points.push({n, ms: sei.median, slope})
  rows.push([
    n.toLocaleString('en'),
    (n / 10).toLocaleString('en'),
    fmt(walk),
    fmt(messages),
    fmt(sei),
    `${(sei.median / walk.median).toFixed(2)}×`,
    `${(sei.median / messages.median).toFixed(2)}×`,
    slope === undefined ? '—' : `${(slope * 1000).toFixed(1)} µs`,
  ])
}
const slopes = points.flatMap((p) => (p.slope === undefined ? [] : [p.slope]))
const spread = slopes.length > 1 ? Math.max(...slopes) / Math.min(...slopes) : 1
report(
  'reconstruct',
  'sei reconstruct on generated histories vs the bare git walk',
  [
    'commits',
    'bundle revisions',
    'git log -- .sei/bundle.json (the walk)',
    'git log of every message',
    'sei reconstruct --json',
    'ratio to the walk',
    'ratio to the message log',
    'added time per added commit',
  ],
  rows,
  [
    `The time added per added commit varies ${(spread * 100 - 100).toFixed(0)} % between size steps (target: ` +
      `flat within 30 %, i.e. linear growth).`,
    'sei reconstruct runs four git processes whatever the history length (the work-tree root; two logs side by ' +
      'side: every message, and the path-limited raw log naming each bundle and manifest blob; one cat-file ' +
      '--batch reading those blobs by id), and starts without oclif (src/fast-path.ts).',
    points.at(-1).ms <= 3 * walkMs.at(-1)
      ? `Against the git walk (target ≤ 3×): met at the largest size ` +
        `(${(points.at(-1).ms / walkMs.at(-1)).toFixed(2)}×). On small histories the ratio is higher: Node's ` +
        `start-up (≈ 30 ms) and sei's are a constant that a 7 ms walk does not pay.`
      : `Against the git walk (target ≤ 3×): missed at the largest size ` +
        `(${(points.at(-1).ms / walkMs.at(-1)).toFixed(2)}×).`,
    'What sei reads besides the walk: the message of every commit (governance trailers, the treatment commits ' +
      'between runs), a log that alone costs about the walk (column "git log of every message"); git writes ' +
      'both logs to temporary files (through a pipe, Node and git taking turns on 64 KiB cost 40–90 ms more at ' +
      '20,000 commits), the yaml library loads while git walks, and the blobs are read by id as soon as the ' +
      'path-limited log names them.',
    `Runs per cell: ${RUNS}, the three commands of a row taking turns (median, min–max).`,
  ],
)
