import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import {sei} from '../helpers/cli.js'
import {gitRepo} from '../helpers/git-repo.js'

const manifest = (misuse: string) => `apiVersion: seigarrena.dev/v1alpha1
kind: AISystem
system:
  name: loans
  intended_purpose: "Rank loan applications for a human officer."
  decisions: [approve, refer]
  affected_persons: [applicants]
  potential_misuses:
${misuse}
risk:
  appetite: {individual: MEDIUM}
  risks:
    - id: risk.unfair
      title: "Unfair refusals"
      impact: {individual: HIGH}
      likelihood: LIKELY
`

describe('sei impact', () => {
  it('ADDRESSED and GAP: prints the assessment, the gap as an advisory on stderr, exit 0', () => {
    const dir = gitRepo({
      'sei.yaml': manifest(
        '    - {id: mu.proxy, description: "zip code as a proxy", addressed_by: [risk.unfair]}\n' +
          '    - {id: mu.hiring, description: "reused for hiring", addressed_by: []}',
      ),
    })
    const r = sei(['impact'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /intended purpose: Rank loan applications for a human officer\./)
    assert.match(r.stdout, /affected persons: applicants/)
    assert.match(r.stdout, /ADDRESSED {2}mu\.proxy: zip code as a proxy {2}← risk\.unfair/)
    assert.match(r.stdout, /GAP {8}mu\.hiring: reused for hiring {2}← no risk addresses it/)
    assert.match(r.stderr, /advisory: GAP: misuse mu\.hiring is addressed by no risk/)
  })

  it('a dangling addressed_by: exit 2, naming the missing risk at its line and column, with a suggestion', () => {
    const dir = gitRepo({
      'sei.yaml': manifest(
        '    - id: mu.proxy\n      description: "zip code as a proxy"\n      addressed_by: [risk.unfiar]',
      ),
    })
    const r = sei(['impact'], {cwd: dir})
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stdout, /DANGLING {3}mu\.proxy/)
    // Line 11 column 22 of the manifest above: the risk id inside the flow list.
    assert.match(
      r.stderr,
      new RegExp(
        String.raw`sei\.yaml:11:22 system\.potential_misuses\[0\]\.addressed_by\[0\]: misuse mu\.proxy is ` +
          String.raw`addressed_by "risk\.unfiar", which is not a risk of the register ` +
          String.raw`\(did you mean "risk\.unfair"\?\)`,
      ),
    )
    const j = JSON.parse(sei(['impact', '--json'], {cwd: dir}).stdout)
    assert.equal(j.status, 2)
    assert.deepEqual(
      j.result.dangling.map((d: {risk: string}) => d.risk),
      ['risk.unfiar'],
    )
  })
})
