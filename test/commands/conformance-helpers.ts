import {cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Signer} from '@sei/sdk'
import {writePubkeyFile, writeSignedFile} from '../../src/engine/evidence/index.js'
import {projectRoot} from '../helpers/cli.js'
import {type FixtureName, replayFixture} from '../helpers/fixtures.js'
import {gitRepo} from '../helpers/git-repo.js'
import {referenceCases} from '../engine/projections/reference-conformance.js'

/** A private copy of a replayed fixture (the replay itself is shared by the tests of a process). */
export function fixtureCopy(name: FixtureName): string {
  const target = join(mkdtempSync(join(tmpdir(), `sei-conf-${name}-`)), 'repo')
  cpSync(replayFixture(name), target, {recursive: true})
  return target
}

type SignersHook = (o: {
  config: {configDir: string}
  env: Record<string, string | undefined>
  repoRoot?: string
}) => Promise<Signer[]>

/** The bundled local signer with its key in a fresh file outside any repository. */
export async function localSigner(): Promise<{signer: Signer; keyFile: string}> {
  const dir = mkdtempSync(join(tmpdir(), 'sei-conf-key-'))
  const keyFile = join(dir, 'signing-key.hex')
  const hook = (await import(join(projectRoot, 'plugins', 'signer-local', 'lib', 'hooks', 'signers.js')))
    .default as SignersHook
  const [signer] = await hook({config: {configDir: dir}, env: {SEI_SIGNING_KEY: keyFile}})
  return {signer, keyFile}
}

/**
 * Re-signs a fixture's bundle with our own key (as if `sei run` had produced it with this signer):
 * PUBKEY.txt becomes ours, and the reference's other signed files, signed by its key, are removed.
 */
export async function resignedFixture(
  name: FixtureName,
  evidenceDir: string,
): Promise<{repo: string; keyFile: string; signer: Signer}> {
  const repo = fixtureCopy(name)
  const {signer, keyFile} = await localSigner()
  const dir = join(repo, evidenceDir)
  rmSync(join(dir, 'conformance'), {recursive: true, force: true})
  rmSync(join(dir, 'reconstruct.json'), {force: true})
  rmSync(join(dir, 'reconstruct.json.sig'), {force: true})
  await writeSignedFile(dir, 'bundle.json', readFileSync(join(dir, 'bundle.json')), signer)
  await writePubkeyFile(dir, await signer.publicKey())
  return {repo, keyFile, signer}
}

/**
 * A third-party standard plugin as its author would write it (plain ESM, no build, no dependency):
 * the catalog is data; the criteria it names are the engine's.
 */
export function makeCatalogPlugin(name: string, catalog: unknown & {id: string}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sei-std-plugin-')), name)
  mkdirSync(join(dir, 'hooks'), {recursive: true})
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name,
        version: '1.0.0',
        description: 'A third-party standard catalog for sei, built by a test.',
        type: 'module',
        license: 'Apache-2.0',
        files: ['hooks'],
        keywords: ['oclif-plugin', 'sei-plugin'],
        oclif: {hooks: {'sei:standards': './hooks/standards.js'}},
        sei: {kind: 'standard', provides: [catalog.id], api: 1},
      },
      null,
      2,
    )}\n`,
  )
  writeFileSync(
    join(dir, 'hooks', 'standards.js'),
    `const catalog = ${JSON.stringify(catalog, null, 2)}\nexport default async function standards() {\n` +
      `  return [catalog]\n}\n`,
  )
  return dir
}

/** ACME's risk standard: one clause per way of deciding (criterion, citation, fallback, nothing). */
export const acmeCatalog = {
  id: 'acme/risk@2026',
  title: 'ACME risk practice 2026',
  authority: 'de_facto',
  clauses: [
    {
      clause_id: 'R.1',
      cycle_phase: 'identify',
      title: 'People affected are named',
      criterion: 'stakeholders_identified',
    },
    {clause_id: 'R.2', cycle_phase: 'control', title: 'Fairness is gated'},
    {clause_id: 'R.3', cycle_phase: 'control', title: 'Components are inventoried', fallback: 'bom_present'},
    {clause_id: 'R.4', cycle_phase: 'record', title: 'Adversarial tests are run'},
  ],
}

/** Makes the quickstart manifest apply ACME's standard and cite its clause R.2 from `fairness-parity`. */
export function citeAcme(repo: string): void {
  const file = join(repo, 'froga.yaml')
  const text = readFileSync(file, 'utf8')
  const next = text
    .replace(
      '  applicable_standards:\n    - iso/23894@2023\n',
      '  applicable_standards:\n    - iso/23894@2023\n    - acme/risk@2026\n',
    )
    .replace(
      '                - "iso/23894@2023#6.5"\n',
      '                - "iso/23894@2023#6.5"\n                - "acme/risk@2026#R.2"\n',
    )
  if (next === text || next.split('acme/risk@2026').length !== 3)
    throw new Error('the quickstart manifest changed shape; update citeAcme')
  writeFileSync(file, next)
}

/**
 * A sei-family repository (sei.yaml, .sei/) holding novacredit's manifest and bundle, the bundle
 * signed with our own key and committed: what `sei run` leaves behind, without running a pipeline.
 */
export async function seiFamilyNovacredit(): Promise<{repo: string; keyFile: string}> {
  const ref = referenceCases().find((c) => c.fixture === 'novacredit')!
  const repo = gitRepo({'sei.yaml': ref.manifest, '.gitattributes': '.sei/* -text\n'})
  const {signer, keyFile} = await localSigner()
  const dir = join(repo, '.sei')
  mkdirSync(dir)
  await writeSignedFile(dir, 'bundle.json', ref.bundle, signer)
  await writePubkeyFile(dir, await signer.publicKey())
  return {repo, keyFile}
}
