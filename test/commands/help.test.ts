import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {CORES} from '../../src/cli/cores/index.js'
import {isolatedEnv, sei} from '../helpers/cli.js'
import {git, gitRepo} from '../helpers/git-repo.js'

/** The EXIT CODES section of a help text: code → meaning (continuation lines joined). */
function exitCodes(help: string): Map<number, string> {
  const section = help.split('\nEXIT CODES\n')[1]?.split('\n\n')[0] ?? ''
  const rows = new Map<number, string>()
  let last: number | undefined
  for (const line of section.split('\n')) {
    const m = /^ {2}(\d+)\s+(.*)$/.exec(line)
    if (m) {
      last = Number(m[1])
      rows.set(last, m[2])
    } else if (last !== undefined) rows.set(last, `${rows.get(last)} ${line.trim()}`)
  }
  return rows
}

// Issue 17: every --help lists its exit codes, from the one table the command exits by (src/cli/output.ts).
describe('help', () => {
  const env = isolatedEnv()

  it('every command lists EXIT CODES: the common ones (0, 2, 3, 70) and its own', () => {
    for (const id of Object.keys(CORES)) {
      const r = sei([id, '--help'], {env})
      assert.equal(r.status, 0, id)
      const codes = exitCodes(r.stdout)
      for (const code of [0, 2, 3, 70]) assert.ok(codes.has(code), `${id} --help lists exit ${code}:\n${r.stdout}`)
      assert.match(codes.get(70)!, /bug in sei/)
    }
    const run = exitCodes(sei(['run', '--help'], {env}).stdout)
    assert.deepEqual([...run.keys()], [0, 1, 2, 3, 4, 70, 130, 143])
    assert.match(run.get(2)!, /plan that no longer matches/)
    assert.match(exitCodes(sei(['status', '--help'], {env}).stdout).get(1)!, /RETIRED/)
    assert.match(exitCodes(sei(['conformance', '--help'], {env}).stdout).get(1)!, /BLOCKED/)
  })

  it('each governance command names the trailer it writes and takes --reason, which lands in the commit body', () => {
    const trailers = {
      request: 'Sei-Approval-Requested-by',
      approve: 'Sei-Approved-by',
      review: 'Sei-Reviewed-by',
      reject: 'Sei-Rejected-by',
      retire: 'Sei-Retired-by',
    }
    const dir = gitRepo({'README.md': 'x\n'})
    for (const [kind, trailer] of Object.entries(trailers)) {
      const help = sei([kind, '--help'], {env}).stdout
      assert.ok(help.includes(`"${trailer}: <--by>"`), `${kind} --help names ${trailer}`)
      assert.match(help, /--reason=<value>/)
      const r = sei([kind, '--repo', dir, '--by', 'Jane Roe <jane@example.org>', '--reason', `why ${kind}`], {env})
      assert.equal(r.status, 0, r.stderr)
      // What git itself reads from the commit sei wrote: the trailer, and the reason in the body.
      const parsed = git(dir, ['log', '-1', `--format=%(trailers:key=${trailer},valueonly)%x00%b`])
      const [value, body] = parsed.split('\0')
      assert.equal(value.trim(), 'Jane Roe <jane@example.org>')
      assert.match(body, new RegExp(`^why ${kind}$`, 'm'))
    }
  })
})
