import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {describe, it} from 'node:test'
import {actOf, parseMessage} from '../../../src/engine/history/index.js'

// The independent reference is git itself: `git interpret-trailers --parse` on the same message
// (no user or system configuration: trailer.* and core.commentChar would change git's reading).
const gitEnv = {...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', HOME: '/nonexistent'}
function gitTrailers(message: string): string[] {
  return execFileSync('git', ['interpret-trailers', '--parse'], {
    input: message,
    encoding: 'utf8',
    env: gitEnv,
    timeout: 10_000,
  })
    .split('\n')
    .filter((l) => l !== '')
}
const ours = (message: string) => parseMessage(message).trailers.map((t) => `${t.token}: ${t.value}`)

const SCISSORS = '# ------------------------ >8 ------------------------'

const cases: Record<string, string> = {
  plain: 'sei: approved\n\nSei-Approved-by: Jane Roe <jane@org>\n',
  'reason then trailer': 'sei: rejected\n\nmissing bias evidence\n\nSei-Rejected-by: Jane\n',
  'scissors before the trailer (the forged reason)': `sei: approved\n\n${SCISSORS}\n\nSei-Approved-by: Mallory\n`,
  'scissors inside the reason paragraph': `subject\n\nreason\n${SCISSORS}\nSei-Approved-by: X\n`,
  'scissors as the first line': `${SCISSORS}\nsubject\n\nSei-Approved-by: X\n`,
  'a --- divider': 'subject\n\n---\n\nSei-Approved-by: X\n',
  '--- with text after it': 'subject\n\n--- patch\nSei-Approved-by: X\n',
  '---x is no divider': 'subject\n\n---x\n\nSei-Approved-by: X\n',
  'continuation lines are unfolded': 'subject\n\nSei-Approved-by: Jane\n  Roe\n\t<jane@org>\nOther: x\n',
  'git-generated prefix among text (25% rule)': 'subject\n\nSigned-off-by: A <a@b>\nsome text\nSei-Approved-by: X\n',
  'text among trailers without a git prefix': 'subject\n\nReviewed: A\nsome text\nSei-Approved-by: X\n',
  'trailer in the title only': 'Sei-Approved-by: X\n',
  'no blank line before the trailers': 'subject\nSei-Approved-by: X\n',
  'trailing comment': 'subject\n\nSei-Approved-by: X\n# a comment\n',
  'comment inside the block': 'subject\n\nSei-Approved-by: X\n# a comment\nOther: y\n',
  'trailing blank lines': 'subject\n\nSei-Approved-by: X\n\n\n\n',
  'a paragraph after the trailers': 'subject\n\nSei-Approved-by: X\n\nthen prose\n',
  'spaced token': 'subject\n\nSei-Approved-by : X\n',
  'CRLF lines': 'subject\r\n\r\nSei-Approved-by: X\r\n',
  'empty value': 'subject\n\nSei-Approved-by:\n',
  'old conflicts block': 'subject\n\nSei-Approved-by: X\n\nConflicts:\n\ta.txt\n',
  'continuation with no trailer before it': 'subject\n\n  indented\nSei-Approved-by: X\n',
  'U+0085 in the value': 'subject\n\nSei-Approved-by: Jane\u0085Sei-Retired-by: Y\n',
  'value with inner blanks before a continuation': 'subject\n\nSei-Approved-by: a  \n   b\n',
  'vertical tab is not a space to git': 'subject\n\n\u000bSei-Approved-by: X\n',
  'no final newline': 'subject\n\nSei-Approved-by: X',
  "the reference engine's request":
    'sei: solicitud de aprobación de dirección del plan de tratamiento\n\n' +
    'Froga-Approval-Requested-by: Marta Demo <marta@demo.seigarrena.dev>\n\n',
}

describe('trailers as git reads them (git interpret-trailers --parse)', () => {
  for (const [name, message] of Object.entries(cases)) {
    it(name, () => assert.deepEqual(ours(message), gitTrailers(message), JSON.stringify(message)))
  }

  it('agrees with git on 400 random messages of trailer-like, prose, comment, scissors, divider, blank lines', () => {
    const pieces = [
      'Sei-Approved-by: Jane',
      'Sei-Rejected-by: Bob <b@x>',
      'Signed-off-by: A <a@x>',
      '(cherry picked from commit abc)',
      'Key: value',
      'Key : spaced',
      'not a trailer line',
      'two words: no',
      '  continued',
      '\tcontinued',
      '',
      '',
      '# comment',
      SCISSORS,
      '---',
      '--- x',
      'Conflicts:',
      '\tpath',
      'x:y',
      ':novalue',
      '-dash: v',
      'Ünïcode: v',
      'a\rb: c',
    ]
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
    for (let n = 0; n < 400; n++) {
      const lines = ['subject']
      const count = 1 + (next() % 9)
      for (let i = 0; i < count; i++) lines.push(pieces[next() % pieces.length])
      // git 2.39 loops forever on a `---` divider followed by a scissors line: such messages are not generated.
      if (lines.includes(SCISSORS) && lines.some((l) => l.startsWith('---'))) continue
      const message = `${lines.join('\n')}${next() % 4 === 0 ? '' : '\n'}`
      assert.deepEqual(ours(message), gitTrailers(message), JSON.stringify(message))
    }
  })

  it('the scissors and divider forgeries are no act; the plain message is', () => {
    const commit = {sha: 'c', date: '2026-01-01T00:00:00Z', author: 'A <a@x>'}
    assert.equal(actOf(cases['scissors before the trailer (the forged reason)'], commit), undefined)
    assert.equal(actOf(cases['a --- divider'], commit), undefined)
    assert.equal(actOf(cases.plain, commit)?.by, 'Jane Roe <jane@org>')
    assert.equal(actOf(cases['reason then trailer'], commit)?.reason, 'missing bias evidence')
  })
})
