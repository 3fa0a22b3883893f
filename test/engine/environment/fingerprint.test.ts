import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {
  bomSummary,
  cachedFingerprint,
  diffFingerprints,
  environmentFingerprint,
  fingerprintDigest,
  fingerprintOfComponents,
  generateBom,
  metadataHeaders,
  normaliseName,
  type EnvironmentFingerprint,
} from '../../../src/engine/environment/index.js'
import {projectRoot} from '../../helpers/cli.js'
import {hasPythonEnv, pythonBin, pythonToolEnv, testWheel as wheel} from '../../helpers/python.js'

const fp = (packages: Record<string, string>, python_version = '3.11.2'): EnvironmentFingerprint => ({
  python: '/x/bin/python',
  python_version,
  packages: Object.fromEntries(Object.entries(packages).map(([n, v]) => [normaliseName(n), {name: n, version: v}])),
})

describe('diffFingerprints (hand-computed cases)', () => {
  it('names each package with both versions, additions and removals, the interpreter first', () => {
    const before = fp({'scikit-learn': '1.5.2', numpy: '2.1.0', numba: '0.60.0'})
    const after = fp({'scikit-learn': '1.6.1', numpy: '2.1.0', fairlearn: '0.13.0'}, '3.12.1')
    assert.deepEqual(diffFingerprints(before, after), [
      'python 3.11.2 → 3.12.1',
      'added fairlearn 0.13.0',
      'removed numba 0.60.0',
      'scikit-learn 1.5.2 → 1.6.1',
    ])
    assert.deepEqual(diffFingerprints(before, before), [])
  })
  it('the digest moves with a version and not with the interpreter path or a spelling of a name', () => {
    const a = fp({'scikit-learn': '1.5.2'})
    assert.equal(fingerprintDigest(a), fingerprintDigest({...a, python: '/elsewhere/python'}))
    assert.notEqual(fingerprintDigest(a), fingerprintDigest(fp({'scikit-learn': '1.6.1'})))
    assert.notEqual(fingerprintDigest(a), fingerprintDigest(fp({'scikit-learn': '1.5.2'}, '3.11.3')))
    assert.equal(normaliseName('Scikit_Learn'), 'scikit-learn')
    assert.equal(normaliseName('zope.interface'), 'zope-interface')
  })
  it('reads Name and Version from core metadata headers only', () => {
    assert.deepEqual(
      metadataHeaders('Metadata-Version: 2.1\nName: PyYAML\nVersion: 6.0.3\nSummary: x\n\nName: not-this\n'),
      {name: 'PyYAML', version: '6.0.3'},
    )
  })
  it("a bundle's bom components compare with an environment, packages only (pypi purls)", () => {
    const fromBom = fingerprintOfComponents([
      {name: 'scikit-learn', version: '1.5.2', purl: 'pkg:pypi/scikit-learn@1.5.2'},
      {name: 'LogisticRegression', type: 'machine-learning-model'},
      {name: 'local-lib', version: '0.1', type: 'library'},
    ])
    assert.deepEqual(diffFingerprints(fromBom, fp({'scikit-learn': '1.6.1', 'local-lib': '0.1'})), [
      'scikit-learn 1.5.2 → 1.6.1',
    ])
  })
})

describe('environmentFingerprint on real environments', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  const uv = join(projectRoot, '.venv-bootstrap', 'bin', 'uv')
  const uvList = (python: string) =>
    Object.fromEntries(
      (
        JSON.parse(execFileSync(uv, ['pip', 'list', '--python', python, '--format', 'json'], {encoding: 'utf8'})) as {
          name: string
          version: string
        }[]
      ).map((p) => [normaliseName(p.name), p.version]),
    )

  it("the project .venv: every distribution and version uv lists, and the interpreter's own version", () => {
    const python = join(pythonBin, 'python')
    const ours = environmentFingerprint(python)
    assert.deepEqual(Object.fromEntries(Object.entries(ours.packages).map(([k, v]) => [k, v.version])), uvList(python))
    assert.ok(Object.keys(ours.packages).length > 50)
    assert.equal(
      ours.python_version,
      execFileSync(python, ['-c', 'import platform; print(platform.python_version())'], {encoding: 'utf8'}).trim(),
    )
  })

  it('an upgrade by uv in a second venv is named with both versions, by fingerprint and by the two SBOMs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sei-venv-'))
    const venv = join(dir, 'venv')
    execFileSync(uv, ['venv', '--quiet', '--python', join(pythonBin, 'python'), venv])
    const python = join(venv, 'bin', 'python')
    execFileSync(uv, ['pip', 'install', '--quiet', '--offline', '--python', python, wheel(dir, 'sei-probe', '1.0.0')])
    const before = environmentFingerprint(python)
    assert.deepEqual(
      before.packages,
      uvList(python)['sei-probe'] === '1.0.0' ? {'sei-probe': {name: 'sei-probe', version: '1.0.0'}} : {},
    )
    const env = pythonToolEnv()
    // With sei's BOM cache: an unchanged environment is served from it, an upgrade must miss it.
    const cacheDir = join(dir, 'cache')
    const bomBefore = await generateBom({python, description: 'test venv', env, cwd: dir, cacheDir})
    const [cached] = readdirSync(join(cacheDir, 'sbom'))
    assert.ok(readFileSync(join(cacheDir, 'sbom', cached)).equals(bomBefore.bytes))
    // Proof that a hit does not rerun the tool: a marked copy in the cache is what comes back.
    const marked = Buffer.from(bomBefore.bytes.toString('utf8').replace('"sei-probe"', '"sei-probe-cached"'))
    writeFileSync(join(cacheDir, 'sbom', cached), marked)
    assert.ok((await generateBom({python, description: 'test venv', env, cwd: dir, cacheDir})).bytes.equals(marked))
    writeFileSync(join(cacheDir, 'sbom', cached), bomBefore.bytes)

    execFileSync(uv, ['pip', 'install', '--quiet', '--offline', '--python', python, wheel(dir, 'sei-probe', '2.0.0')])
    assert.equal(uvList(python)['sei-probe'], '2.0.0')
    const after = environmentFingerprint(python)
    assert.deepEqual(diffFingerprints(before, after), ['sei-probe 1.0.0 → 2.0.0'])
    assert.notEqual(fingerprintDigest(before), fingerprintDigest(after))
    const bomAfter = await generateBom({python, description: 'test venv', env, cwd: dir, cacheDir})
    assert.notEqual(bomAfter.sha256, bomBefore.sha256)
    // The signed bundle keeps the BOM summary: the previous run's components against the environment now.
    assert.deepEqual(diffFingerprints(fingerprintOfComponents(bomBefore.components), after), [
      'sei-probe 1.0.0 → 2.0.0',
    ])
    assert.deepEqual(
      diffFingerprints(
        fingerprintOfComponents(bomSummary(JSON.parse(bomBefore.bytes.toString('utf8')))),
        fingerprintOfComponents(bomAfter.components),
      ),
      ['sei-probe 1.0.0 → 2.0.0'],
    )
    writeFileSync(join(dir, 'done'), '')
  })

  it('the cached fingerprint is served while the environment is unchanged and missed after an upgrade', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sei-venv-cache-'))
    const venv = join(dir, 'venv')
    execFileSync(uv, ['venv', '--quiet', '--python', join(pythonBin, 'python'), venv])
    const python = join(venv, 'bin', 'python')
    execFileSync(uv, ['pip', 'install', '--quiet', '--offline', '--python', python, wheel(dir, 'sei-probe', '1.0.0')])
    const cacheDir = join(dir, 'cache')
    assert.deepEqual(cachedFingerprint(python, cacheDir), environmentFingerprint(python))
    const [name] = readdirSync(join(cacheDir, 'environments'))
    const file = join(cacheDir, 'environments', name)
    // Proof that a hit reads no metadata: a marked entry, written as if long after the install (past the racy window).
    const entry = JSON.parse(readFileSync(file, 'utf8'))
    entry.writtenNs = String(BigInt(Date.now() + 60_000) * 1_000_000n)
    entry.fingerprint.packages['sei-probe'].version = 'cached'
    writeFileSync(file, JSON.stringify(entry))
    assert.equal(cachedFingerprint(python, cacheDir).packages['sei-probe'].version, 'cached')
    execFileSync(uv, ['pip', 'install', '--quiet', '--offline', '--python', python, wheel(dir, 'sei-probe', '2.0.0')])
    assert.equal(cachedFingerprint(python, cacheDir).packages['sei-probe'].version, '2.0.0')
  })
})
