// Projections: `sei conformance --history` on repositories with 50 and 200 committed bundle revisions,
// against `sei conformance` (current state only) and against a naive read of the same revisions with
// one `git show` per file per revision (what a per-commit reader would pay before projecting anything).
// Run: npm run build && node bench/conformance-history.js   (SEI_BENCH_RUNS=5)
import {execFileSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'
import {fmt, measure, projectRoot, report, seiBin} from './lib.js'

const RUNS = Number(process.env.SEI_BENCH_RUNS ?? 5)
const load = async (rel) => import(pathToFileURL(join(projectRoot, rel)).href)
const evidence = await load('lib/src/engine/evidence/index.js')
const localHook = (await load('plugins/signer-local/lib/hooks/signers.js')).default

const work = mkdtempSync(join(tmpdir(), 'sei-bench-conformance-'))
const keyFile = join(work, 'key', 'signing-key.hex')
const env = {
  ...process.env,
  NO_COLOR: '1',
  SEI_SIGNING_KEY: keyFile,
  SEI_CONFIG_DIR: join(work, 'config'),
  SEI_CACHE_DIR: join(work, 'cache'),
  SEI_DATA_DIR: join(work, 'data'),
}
const [signer] = await localHook({config: {configDir: join(work, 'config')}, env: {SEI_SIGNING_KEY: keyFile}})
const git = (cwd, args) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'b@x',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'b@x',
    },
  })

// The quickstart fixture (froga family), its bundle re-signed with our key, then `n` more revisions.
const base = join(work, 'quickstart')
execFileSync(
  'bash',
  [
    join(projectRoot, 'test', 'fixtures', 'reference-evidence', 'replay.sh'),
    join(projectRoot, 'test', 'fixtures', 'reference-evidence', 'quickstart'),
    base,
  ],
  {stdio: 'ignore'},
)
async function repoWith(n) {
  const repo = join(work, `repo-${n}`)
  cpSync(base, repo, {recursive: true})
  const dir = join(repo, '.froga')
  for (const f of ['conformance', 'reconstruct.json', 'reconstruct.json.sig'])
    rmSync(join(dir, f), {recursive: true, force: true})
  await evidence.writePubkeyFile(dir, await signer.publicKey())
  const bundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'))
  for (let i = 0; i < n; i++) {
    bundle.intended_purpose = `${bundle.intended_purpose.replace(/ \(rev \d+\)$/, '')} (rev ${i})`
    await evidence.writeSignedFile(dir, 'bundle.json', Buffer.from(JSON.stringify(bundle, null, 2)), signer)
    git(repo, ['add', '-A', '.froga'])
    git(repo, ['commit', '-q', '-m', `run: rev ${i}`])
  }
  return repo
}

// Baseline reader: list the revisions, then one `git show` per file per revision.
const naive = join(work, 'naive-read.mjs')
writeFileSync(
  naive,
  `import {execFileSync} from 'node:child_process'
const repo = process.argv[2]
const shas = execFileSync('git', ['log', '--reverse', '--format=%H', '--', '.froga/bundle.json'], {
  cwd: repo,
  encoding: 'utf8',
})
  .split('\\n')
  .filter(Boolean)
let bytes = 0
for (const sha of shas)
  for (const p of ['.froga/bundle.json', '.froga/bundle.json.sig', 'froga.yaml'])
    bytes += execFileSync('git', ['show', sha + ':' + p], {cwd: repo, maxBuffer: 1 << 28}).length
if (shas.length < 2 || bytes === 0) process.exit(1)
`,
)

const rows = []
for (const n of [50, 200]) {
  const repo = await repoWith(n)
  const current = measure([process.execPath, seiBin, 'conformance', '--repo', repo, '--json'], {runs: RUNS, env})
  const history = measure([process.execPath, seiBin, 'conformance', '--repo', repo, '--history', '--json'], {
    runs: RUNS,
    env,
  })
  const read = measure([process.execPath, naive, repo], {runs: RUNS, env})
  rows.push([
    String(n + 1),
    fmt(current),
    fmt(history),
    (history.median / current.median).toFixed(2),
    fmt(read),
    (read.median / history.median).toFixed(2),
  ])
}
report(
  'conformance-history',
  'sei conformance --history (bundle revisions read with a fixed number of git processes)',
  [
    'bundle revisions',
    'sei conformance (current)',
    'sei conformance --history',
    'history / current',
    'naive read only (git show per file per revision)',
    'naive read / sei --history',
  ],
  rows,
  [
    `median (min–max) of ${RUNS} runs after one warm-up; the quickstart manifest (froga family) applies 1 ` +
      `standard (iso/23894@2023), projected for every revision; it has no management-review clause, so the ` +
      `approval state is not read.`,
    'sei --history lists revisions through the history concern (bundleRevisions: git log + one cat-file batch) ' +
      "and reads each revision's bundle, signature and manifest in one more cat-file batch.",
    'The naive column only reads the files (3 `git show` per revision) and projects nothing; sei reads and ' +
      'projects every revision.',
    'Command: npm run build && node bench/conformance-history.js',
  ],
)
rmSync(work, {recursive: true, force: true})
