import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {validateXML} from 'xmllint-wasm'
import {type FormatReport, renderReport} from '../../src/cli/render/formats/index.js'
import {projectRoot} from '../helpers/cli.js'

// What a message may hold (a drift line names files; a note quotes a value) must not break the format:
// the expected texts are written out by hand from GitHub's workflow-command escaping (% \r \n in data,
// also : and , in properties), XML's five characters, and Markdown's table-cell pipe.

const nasty = 'a|b <c> & "d" 50%\nline2, e:f \u0007'
const report: FormatReport = {
  command: 'status',
  headline: 'RED',
  version: '0.0.0',
  checks: [
    {
      suite: 'freshness',
      name: 'x,y:z',
      passed: false,
      message: nasty,
      level: 'error',
      rule: 'sei/drift',
      location: {file: 'sei.yaml', line: 3, col: 5},
    },
  ],
}

describe('CI formats escape what a message holds', () => {
  it('github: data and properties escaped as the runner decodes them', () => {
    assert.equal(
      renderReport('github', report).split('\n')[0],
      '::error file=sei.yaml,line=3,col=5,title=sei status%3A x%2Cy%3Az::a|b <c> & "d" 50%25%0Aline2, e:f \u0007',
    )
  })

  it('junit: valid XML against the XSD, the bell replaced (XML 1.0 cannot hold it)', async () => {
    const xml = renderReport('junit', report)
    assert.match(xml, /message="a\|b &lt;c&gt; &amp; &quot;d&quot; 50%\nline2, e:f \uFFFD"/)
    const xsd = readFileSync(join(projectRoot, 'test', 'fixtures', 'schemas', 'junit-10.xsd'), 'utf8')
    const r = await validateXML({xml: [{fileName: 'r.xml', contents: xml}], schema: [xsd]})
    assert.ok(r.valid, r.errors.map((e) => e.message).join('\n'))
  })

  it('markdown: a pipe or newline stays inside its cell or list item', () => {
    assert.match(renderReport('markdown', report), /^- \*\*freshness\*\* a\\\|b <c> & "d" 50% line2, e:f \u0007$/m)
  })
})
