import assert from 'node:assert/strict'
import {execFileSync, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {git, gitRepo} from '../helpers/git-repo.js'

// Governance acts that count (issue 15): only empty commits, trailers as git reads them, who really
// made the commit shown, control characters refused on input and escaped on output, approvals that
// record what they approved, and optionally only acts whose signature git verifies.

const env = isolatedEnv()
const head = (dir: string) => git(dir, ['rev-parse', 'HEAD']).trim()

const MANIFEST = (extra = '') => `apiVersion: seigarrena.dev/v1alpha1
kind: AISystem
system:
  name: acts-demo
risk:
  appetite: {individual: MEDIUM}
${extra}  risks:
    - id: risk.a
      title: Missed cases
      impact: {individual: HIGH}
      likelihood: LIKELY
      treat:
        - method: REDUCE
          residual_likelihood: RARE
          measures:
            - {id: m-recall, metric: recall, constraint: "> 0.8", enforcement: gate}
`
const bundle = (recall: number) => {
  const result = {control_id: 'm-recall', risk_id: 'risk.a', actual_value: recall, enforcement_mode: 'block'}
  return `${JSON.stringify({control_results: [{...result, passed: recall > 0.8}]}, null, 2)}\n`
}

/** A declared system with one (unsigned, hand-made) bundle committed. */
function repo(extra = '', recall = 0.9): string {
  return gitRepo({'sei.yaml': MANIFEST(extra), 'train.py': 'v1\n', '.sei/bundle.json': bundle(recall)})
}

type Approval = {state: string; stale_by?: {commit: string}; act?: {by: string; author: string; committer?: string}}
const report = (dir: string, args: string[] = []) => {
  const r = sei(['reconstruct', '--json', ...args], {cwd: dir, env})
  assert.equal(r.status, 0, r.stdout + r.stderr)
  return JSON.parse(r.stdout).result.payload as {
    approval: Approval
    ignored_acts: {commit: string; author: string; kind: string; by: string; why: string}[]
  }
}
const text = (dir: string, args: string[] = []) => sei(['reconstruct', ...args], {cwd: dir, env}).stdout

describe('governance acts that count', () => {
  it('a smuggled trailer on a commit that changes files is no act; reconstruct warns naming commit and author', () => {
    const dir = repo()
    writeFileSync(join(dir, 'train.py'), 'v2 with a backdoor\n')
    git(dir, ['commit', '-q', '-am', 'tweak training\n\nSei-Approved-by: Risk Board <board@org>'], {
      GIT_AUTHOR_NAME: 'Mallory',
      GIT_AUTHOR_EMAIL: 'm@evil.example',
    })
    const smuggled = head(dir)
    const r = report(dir)
    assert.equal(r.approval.state, 'none')
    assert.deepEqual(
      r.ignored_acts.map((i) => [i.commit, i.author, i.kind, i.by]),
      [[smuggled, 'Mallory <m@evil.example>', 'approve', 'Risk Board <board@org>']],
    )
    assert.match(r.ignored_acts[0].why, /changes files/)
    assert.match(
      text(dir),
      new RegExp(
        `warning: ${smuggled.slice(0, 7)} \\(\\d{4}-\\d\\d-\\d\\d, author Mallory <m@evil\\.example>, committer ` +
          `Test Author <author@example\\.org>\\) carries a governance trailer \\(approve by Risk Board ` +
          `<board@org>\\) but is not a governance act: the commit changes files`,
      ),
    )
    // The same trailer on an empty commit made with plain git is an act (as the reference's were).
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'sei: approved\n\nSei-Approved-by: Risk Board <board@org>'])
    assert.equal(report(dir).approval.state, 'approved')
  })

  it('refuses --by/--reason with C0, C1, U+2028/9 or escapes, or read otherwise by git (exit 2, no commit)', () => {
    const dir = repo()
    const before = head(dir)
    const refused: string[][] = [
      ['approve', '--by', 'Jane\u0085Sei-Approved-by: Board'],
      ['approve', '--by', 'Jane\u2028Roe'],
      ['approve', '--by', 'Jane\u2029Roe'],
      ['approve', '--by', 'Jane\tRoe'],
      ['reject', '--by', 'Jane', '--reason', '\u001b[2J\u001b[32mAPPROVED'],
      ['reject', '--by', 'Jane', '--reason', 'bad\u009bevidence'],
      ['reject', '--by', 'Jane', '--reason', '# ------------------------ >8 ------------------------'],
      ['reject', '--by', 'Jane', '--reason', '--- see the patch'],
      ['retire', '--by', 'Jane', '--reason', '# not a comment'],
    ]
    for (const args of refused) {
      const r = sei(args, {cwd: dir, env})
      assert.equal(r.status, 2, `${JSON.stringify(args)}: ${r.stderr}`)
      assert.match(r.stderr, /BY_INVALID|REASON_INVALID/)
      assert.equal(head(dir), before, JSON.stringify(args))
    }
    // What sei writes, git reads back as exactly that trailer.
    assert.equal(
      sei(['reject', '--by', 'Jane Roe <jane@org>', '--reason', 'missing: subgroup evidence — see #12'], {
        cwd: dir,
        env,
      }).status,
      0,
    )
    assert.equal(
      git(dir, ['log', '-1', '--format=%(trailers:key=Sei-Rejected-by,valueonly)']).trim(),
      'Jane Roe <jane@org>',
    )
  })

  it('history text is escaped on output: escape codes in a reason or --by made with plain git cannot repaint', () => {
    const dir = repo()
    git(dir, [
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'sei: approval rejected\n\n\u001b[2J\u001b[HAPPROVED by Risk Board\n\nSei-Rejected-by: Eve\u001b[0m <e@x>',
    ])
    const out = text(dir)
    assert.doesNotMatch(out, /\u001b/)
    assert.ok(out.includes('REJECTED by Eve\\u001b[0m <e@x>'), out)
    assert.ok(out.includes('\\u001b[2J\\u001b[HAPPROVED by Risk Board'), out)
  })

  it('every act shows the commit author and committer next to its --by value', () => {
    const dir = repo()
    const r = sei(['approve', '--by', 'Risk Board <board@org>'], {
      cwd: dir,
      env: {...env, GIT_COMMITTER_NAME: 'Merge Bot', GIT_COMMITTER_EMAIL: 'bot@ci.example'},
    })
    assert.equal(r.status, 0, r.stderr)
    const act = report(dir).approval.act!
    assert.deepEqual(
      [act.by, act.author, act.committer],
      ['Risk Board <board@org>', 'Test Author <author@example.org>', 'Merge Bot <bot@ci.example>'],
    )
    assert.match(
      text(dir),
      new RegExp(
        String.raw`APPROVED by Risk Board <board@org> \[commit by Test Author ` +
          String.raw`<author@example\.org>, committed by Merge Bot <bot@ci\.example>\]`,
      ),
    )
  })
})

describe('approval records what it approved; STALE by digest', () => {
  const sha256sum = (file: string) => `sha256:${execFileSync('sha256sum', [file], {encoding: 'utf8'}).split(' ')[0]}`
  const trailer = (dir: string, key: string) =>
    git(dir, ['log', '-1', `--format=%(trailers:key=${key},valueonly)`]).trim()

  it('approve records bundle digest, gate and signature state; reconstruct says approved while RED / unsigned', () => {
    const dir = repo('', 0.5)
    assert.equal(sei(['approve', '--by', 'Board <b@org>'], {cwd: dir, env}).status, 0)
    assert.equal(trailer(dir, 'Sei-Approved-Bundle'), sha256sum(join(dir, '.sei/bundle.json')))
    assert.equal(trailer(dir, 'Sei-Approved-Gate'), 'RED')
    assert.equal(trailer(dir, 'Sei-Approved-Signature'), 'none')
    assert.match(text(dir), /APPROVED by Board <b@org> .* — approved while RED, approved an unsigned bundle/)
  })

  it('a run not committed yet makes the approval STALE; the approved bundle committed later keeps it current', () => {
    const dir = repo()
    assert.equal(sei(['approve', '--by', 'Board <b@org>'], {cwd: dir, env}).status, 0)
    assert.equal(report(dir).approval.state, 'approved')
    writeFileSync(join(dir, '.sei/bundle.json'), bundle(0.95)) // a new run, not committed
    const stale = report(dir).approval
    assert.deepEqual([stale.state, stale.stale_by?.commit], ['stale', 'uncommitted'])
    assert.match(
      text(dir),
      /approval: STALE — approved by Board <b@org> .*then a run not committed yet changed the evidence; re-approve/,
    )
    // Approve the uncommitted run, then commit it: the committed bundle is the approved one.
    assert.equal(sei(['approve', '--by', 'Board <b@org>'], {cwd: dir, env}).status, 0)
    git(dir, ['commit', '-q', '-am', 'run: the approved evidence'])
    assert.equal(report(dir).approval.state, 'approved')
    // Another run, committed: stale at that commit.
    writeFileSync(join(dir, '.sei/bundle.json'), bundle(0.97))
    git(dir, ['commit', '-q', '-am', 'run: later evidence'])
    assert.deepEqual([report(dir).approval.state, report(dir).approval.stale_by?.commit], ['stale', head(dir)])
  })
})

describe('signed acts (risk.governance.require_signed_acts, --require-signed-acts)', () => {
  const keys = mkdtempSync(join(tmpdir(), 'sei-ssh-'))
  const keygen = (name: string) => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', join(keys, name)])
    return readFileSync(join(keys, `${name}.pub`), 'utf8').trim()
  }
  const board = keygen('board')
  keygen('stranger')
  const allowed = join(keys, 'allowed_signers')
  writeFileSync(allowed, `author@example.org namespaces="git" ${board}\n`)

  function signedHistory(extra: string): {dir: string; acts: Record<string, string>} {
    const dir = repo(extra)
    git(dir, ['config', 'gpg.format', 'ssh'])
    git(dir, ['config', 'gpg.ssh.allowedSignersFile', allowed])
    const acts: Record<string, string> = {}
    const act = (name: string, args: string[], signing: {key?: string}) => {
      if (signing.key) {
        git(dir, ['config', 'user.signingkey', join(keys, signing.key)])
        git(dir, ['config', 'commit.gpgsign', 'true'])
      } else {
        git(dir, ['config', 'commit.gpgsign', 'false'])
      }
      const r = sei(args, {cwd: dir, env})
      assert.equal(r.status, 0, r.stderr)
      acts[name] = head(dir)
    }
    act('request', ['request', '--by', 'Maintainer <m@org>'], {key: 'board'})
    act('approve-signed', ['approve', '--by', 'Board <b@org>'], {key: 'board'})
    act('review-unsigned', ['review', '--by', 'Auditor <a@org>'], {})
    act('reject-stranger', ['reject', '--by', 'Board <b@org>', '--reason', 'forged by a stranger'], {key: 'stranger'})
    return {dir, acts}
  }
  /** git's own verdict, the independent reference: verify-commit succeeds only for a good, allowed signature. */
  const gitVerifies = (dir: string, commit: string) =>
    spawnSync('git', ['verify-commit', commit], {cwd: dir}).status === 0

  it('counts only acts whose ssh signature git verifies; unsigned and unknown-signer acts are listed apart', () => {
    const {dir, acts} = signedHistory('  governance: {require_signed_acts: true}\n')
    assert.deepEqual(Object.fromEntries(Object.entries(acts).map(([k, c]) => [k, gitVerifies(dir, c)])), {
      request: true,
      'approve-signed': true,
      'review-unsigned': false,
      'reject-stranger': false,
    })
    const r = report(dir)
    assert.equal(r.approval.state, 'approved', "the unsigned review and the stranger's rejection do not count")
    assert.deepEqual(
      r.ignored_acts.map((i) => i.commit).sort(),
      [acts['review-unsigned'], acts['reject-stranger']].sort(),
    )
    assert.match(r.ignored_acts.find((i) => i.commit === acts['review-unsigned'])!.why, /no signature/)
    assert.match(
      r.ignored_acts.find((i) => i.commit === acts['reject-stranger'])!.why,
      /signed acts are required and the commit has a/,
    )
  })

  it('without the requirement every act counts; --require-signed-acts turns it on from the command line', () => {
    const {dir, acts} = signedHistory('')
    assert.equal(report(dir).approval.state, 'rejected')
    const strict = report(dir, ['--require-signed-acts'])
    assert.equal(strict.approval.state, 'approved')
    assert.equal(strict.ignored_acts.length, 2)
    assert.ok(strict.ignored_acts.every((i) => i.commit !== acts['approve-signed']))
  })
})
