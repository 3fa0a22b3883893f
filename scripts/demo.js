#!/usr/bin/env node
// `npm run demo`: the whole Risk-Driven Development loop on examples/loan, for real, in a new
// temporary git repository: init → compile → run (RED) → treatment commit → run (GREEN) → status →
// verify → conformance → soa → impact → assess → request → approve → reconstruct → verify --all.
// Each step prints the command, its real output and its exit code. Nothing outside the temporary
// directories is written: the signing key is a fresh one in its own temporary directory.
import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdtempSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {applyTreatment, exampleOf, materialise, projectRoot, toolEnv} from './example-repo.js'

const seiBin = join(projectRoot, 'bin', 'run.js')
if (!existsSync(join(projectRoot, 'lib', 'src', 'index.js')) && !existsSync(join(projectRoot, 'oclif.manifest.json'))) {
  console.error('demo: sei is not built yet; run it as `npm run demo` (which builds first), or `npm run build`.')
  process.exit(3)
}
if (!existsSync(join(projectRoot, '.venv', 'bin', 'dvc'))) {
  console.error(
    'demo: the Python environment is missing; run it as `npm run demo` (which sets it up first), or `npm run ' +
      'setup:python`.',
  )
  process.exit(3)
}

const keyDir = mkdtempSync(join(tmpdir(), 'sei-demo-key-'))
const env = toolEnv({SEI_SIGNING_KEY: join(keyDir, 'signing-key.hex'), NO_COLOR: process.env.NO_COLOR ?? ''})
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s)
const exits = []

function step(title) {
  console.log(`\n${bold(`── ${title} ${'─'.repeat(Math.max(0, 70 - title.length))}`)}`)
}

function sei(args, expect = [0]) {
  console.log(bold(`$ sei ${args.map((a) => (/[\s"<>]/.test(a) ? JSON.stringify(a) : a)).join(' ')}`))
  const r = spawnSync(process.execPath, [seiBin, ...args], {cwd: repo, env, stdio: 'inherit'})
  console.log(`(exit ${r.status})`)
  exits.push({args, status: r.status, expected: expect.includes(r.status)})
  return r.status
}

function git(args) {
  console.log(bold(`$ git ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`))
  execFileSync('git', args, {cwd: repo, env, stdio: 'inherit'})
}

const example = exampleOf('loan')
step(`examples/loan: ${example.summary}`)
const repo = materialise('loan', {env})
console.log(`a new git repository with the example, committed as "declare": ${repo}`)

step('declare: sei init (keeps our sei.yaml), sei compile (the OSCAL plan)')
sei(['init'])
sei(['compile'])
git(['add', '-A'])
git(['commit', '-q', '-m', 'compile: OSCAL plan of the risk register'])

step('measure: sei run on V1 (plain logistic regression): the risk gate is RED')
sei(['run'], [1])
git(['add', '-A'])
git(['commit', '-q', '-m', 'run: V1 evidence (gate RED)'])

step('treat: a demographic-parity ThresholdOptimizer replaces the decision rule (a commit)')
const treatment = applyTreatment('loan', repo, env)
console.log(`treatment commit ${treatment.slice(0, 7)}: ${example.treatment.message}`)

step('measure again: sei run on V2: GREEN, and the FAIL→PASS arc is a treatment event')
sei(['run'])
git(['add', '-A'])
git(['commit', '-q', '-m', 'run: V2 evidence (gate GREEN)'])

step('gate and verify: what CI runs, and what an auditor checks')
sei(['status'])
sei(['verify'])

step('project: conformance per standard, ISO 42001 SoA, impact assessment, proposed risks')
sei(['conformance'])
sei(['soa'])
sei(['impact'])
sei(['assess'])

step('govern: approval requested by the maintainer, given by management (attributed commits)')
sei(['request', '--by', 'Maintainer <maintainer@example.org>'])
sei(['approve', '--by', 'Risk Board <board@example.org>'])

step('replay: sei reconstruct, the treatment cycle of every risk from git alone (signed with --out)')
sei(['reconstruct', '--out'])
sei(['verify', '--all'])

step('done')
const unexpected = exits.filter((e) => !e.expected)
for (const e of unexpected) console.log(`unexpected exit ${e.status}: sei ${e.args.join(' ')}`)
console.log(`The repository is at ${repo} (its signing key: ${keyDir}). Look around: git log, .sei/, sei.lock.`)
process.exitCode = unexpected.length > 0 ? 1 : 0
