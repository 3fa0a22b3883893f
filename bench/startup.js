// Start-up of the CI gate (issue 8 item 1): `sei --version`, `sei status` and `sei verify` on a small
// fresh repository (the tests' tiny DVC screening system after one `sei run`), against `node -e 0`
// (the floor) and `dvc status` on the same repository. Targets: status ≤ 3 × node -e 0, and faster
// than dvc status. Also the same commands with the fast path off (SEI_NO_FAST_PATH=1: all through
// oclif), to show what bin/run.js's fast path saves.
// Run: node bench/startup.js   (after `npm run build`; needs the project venv for dvc)
import {spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fmt, measure, measureInterleaved, met, projectRoot, report, seiBin} from './lib.js'

const RUNS = Number(process.env.SEI_BENCH_RUNS ?? 11)
const venvBin = join(projectRoot, '.venv', 'bin')
const haveDvc = existsSync(join(venvBin, 'dvc'))
const base = mkdtempSync(join(tmpdir(), 'sei-bench-startup-'))
const env = {
  ...process.env,
  PATH: `${venvBin}:${process.env.PATH}`,
  SEI_DATA_DIR: join(base, 'data'),
  SEI_CACHE_DIR: join(base, 'cache'),
  SEI_CONFIG_DIR: join(base, 'config'),
  NO_COLOR: '1',
  DVC_NO_ANALYTICS: '1',
}
delete env.SEI_NO_FAST_PATH

if (!haveDvc) {
  console.error('bench/startup.js needs the project venv (.venv/bin/dvc): run `npm run setup:python`')
  process.exit(3)
}
// The tests' tiny screening system wired to DVC, committed (compiled test helper: needs the build).
const {screeningRepo} = await import(join(projectRoot, 'lib', 'test', 'pipelines', 'repo.js'))
process.env.PATH = env.PATH
const repo = screeningRepo('dvc')
// One real run: the lock, the signed bundle and dvc.lock exist, as in a CI checkout.
const ran = spawnSync(process.execPath, [seiBin, 'run', '--repo', repo], {env, encoding: 'utf8'})
if (ran.status !== 0 && ran.status !== 1) throw new Error(`sei run exited ${ran.status}: ${ran.stderr}`)

const opts = {runs: RUNS, warmup: 2, env}
// SEI_BENCH_BASELINE=<another built checkout of sei> (e.g. a `git worktree` of an older commit, after its own
// `npm run build`): its status, verify and --version take turns with this checkout's, on the same repository.
const baseline = process.env.SEI_BENCH_BASELINE
const baselineBin = baseline && join(baseline, 'bin', 'run.js')
const baselineCommit =
  baseline && spawnSync('git', ['-C', baseline, 'rev-parse', '--short', 'HEAD'], {encoding: 'utf8'}).stdout.trim()
// The tiny system's gate is red (recall 0.5 < 0.8): status exits 1 after all its work.
const gate = {...opts, okCodes: [0, 1]}
const noFast = {...opts, env: {...env, SEI_NO_FAST_PATH: '1'}}
// The floor, dvc and sei's gate commands take turns, so each ratio compares runs made side by side.
const gateCommands = (bin) => [
  {argv: [process.execPath, bin, '--version'], env},
  {argv: [process.execPath, bin, 'status', '--repo', repo], env, okCodes: gate.okCodes},
  {argv: [process.execPath, bin, 'verify', '--repo', repo], env},
]
const [node0, dvc, version, status, verify, ...base3] = measureInterleaved(
  [
    {argv: [process.execPath, '-e', '0'], env},
    {argv: [join(venvBin, 'dvc'), 'status', '-q'], env, cwd: repo, okCodes: gate.okCodes},
    ...gateCommands(seiBin),
    ...(baselineBin ? gateCommands(baselineBin) : []),
  ],
  {runs: RUNS, warmup: 2},
)
const rows = []
const add = (name, s) =>
  rows.push([name, fmt(s), `${(s.median / node0.median).toFixed(1)} ×`, `${(s.median / dvc.median).toFixed(2)}`])
add('node -e 0 (floor)', node0)
add('dvc status (same repo)', dvc)
add('sei --version', version)
add('sei status', status)
add('sei verify', verify)
if (baselineBin) {
  add(`sei --version, baseline ${baselineCommit}`, base3[0])
  add(`sei status, baseline ${baselineCommit}`, base3[1])
  add(`sei verify, baseline ${baselineCommit}`, base3[2])
}
// The validated-manifest cache emptied before each run (as on a CI runner that does not keep ~/.cache/sei):
// sei.yaml is parsed and validated again (yaml and the validator load). `sh -c` adds about a millisecond.
const coldManifest = measure(
  [
    'sh',
    '-c',
    'rm -rf "$SEI_CACHE_DIR/manifests" && exec "$0" "$@"',
    process.execPath,
    seiBin,
    'status',
    '--repo',
    repo,
  ],
  gate,
)
add('sei status, manifest cache emptied before each run', coldManifest)
add('sei --version, through oclif (SEI_NO_FAST_PATH=1)', measure([process.execPath, seiBin, '--version'], noFast))
add(
  'sei verify, through oclif (SEI_NO_FAST_PATH=1)',
  measure([process.execPath, seiBin, 'verify', '--repo', repo], noFast),
)
add(
  'sei status, through oclif (SEI_NO_FAST_PATH=1)',
  measure([process.execPath, seiBin, 'status', '--repo', repo], {...gate, env: noFast.env}),
)

const versus = (now, then) => `${(now.median / then.median).toFixed(2)} ×`
const notes = [
  ...(baselineBin
    ? [
        `against the baseline checkout ${baselineCommit} (SEI_BENCH_BASELINE), run by run in turn: ` +
          `--version ${versus(version, base3[0])}, status ${versus(status, base3[1])}, ` +
          `verify ${versus(verify, base3[2])} its time`,
      ]
    : []),
  `${RUNS} runs each after 2 warm-up runs, median (min–max); the first five rows take turns run by run; every ` +
    `sei command is a new process (\`node bin/run.js …\`), with Node's compile cache and sei's code cache of the ` +
    `start-up bundle warm (bin/load-fast-path.js, ADR 0012) as on a CI runner whose cache dir is kept`,
  `repository: the tests' tiny DVC screening system (test/pipelines) after one \`sei run\`; its gate is red, so ` +
    `status exits 1 after doing all its work`,
  `target status ≤ 3 × node -e 0: ${met(status.median <= 3 * node0.median)}` +
    `${status.median <= 3 * node0.median ? '' : ` (${(status.median / node0.median).toFixed(1)} ×)`}` +
    `; target status faster than dvc status: ${met(status.median < dvc.median)}`,
  '`--version`, `verify` and `status` skip oclif (src/fast-path.ts, bundled into lib/fast by ' +
    "scripts/bundle-fast-path.js): status fires the bundled plugins' sei hooks through bundledHost " +
    '(src/engine/plugins/bundled-host.ts) instead of oclif\'s Config, which the row "through oclif" still pays ' +
    '(importing @oclif/core and Config.load of 16 plugins)',
  'what status does above node (profiled 2026-12-02 with --cpu-prof): no git process once the retirement answer ' +
    'is cached for HEAD (the work tree is found from the file system), one CommonJS bundle with @sei/sdk and the ' +
    "bundled plugins' reproducer and standards hooks compiled in, loaded with a V8 code cache made after a run, " +
    'digests, the signature check, the gate. Before issue 14 it loaded ≈ 50 ES modules (≈ 25 ms), ICU twice ' +
    '(toLocaleString, localeCompare: ≈ 12 ms), node:child_process, and ran 2 git processes',
  'a status whose sei.yaml validated before (same bytes, same sei) reads the parsed manifest from the CLI cache ' +
    'dir (src/engine/manifest/cache.ts) and loads neither yaml nor the validator; the row "manifest cache ' +
    'emptied" shows what that saves',
]
report(
  'startup',
  'Start-up of the CI gate: sei vs node -e 0 and dvc status',
  ['command', 'time', 'ratio to node -e 0', 'ratio to dvc status'],
  rows,
  notes,
)
rmSync(base, {recursive: true, force: true})
rmSync(repo, {recursive: true, force: true})
