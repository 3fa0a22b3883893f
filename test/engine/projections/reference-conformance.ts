import {join} from 'node:path'
import type {StandardCatalog} from '@sei/sdk'
import {projectRoot} from '../../helpers/cli.js'
import {type FixtureName, fixtureBlob, fixtureHistory, fixtureNames} from '../../helpers/fixtures.js'

// The reference engine's signed conformance reports, each with the bundle, signature, manifest and
// public key as committed when the report was written: the same inputs our projection gets.

export type ReferenceClause = {
  basis: string
  clause_id: string
  cycle_phase: string
  decision: string
  measures: string[]
  title: string
}
export type ReferenceCase = {
  fixture: FixtureName
  file: string
  standard: string
  system: string
  clauses: ReferenceClause[]
  bundle: Buffer
  signature: Buffer
  manifest: Buffer
  manifestFile: string
  pubkey: Buffer
}

export function referenceCases(): ReferenceCase[] {
  const out: ReferenceCase[] = []
  for (const fixture of fixtureNames) {
    const current = new Map<string, Buffer>()
    for (const commit of fixtureHistory(fixture)) {
      for (const [path, blob] of Object.entries(commit.files)) {
        if (blob) current.set(path, fixtureBlob(fixture, blob))
        else current.delete(path)
      }
      for (const path of Object.keys(commit.files)) {
        if (!/^\.(froga|venth)\/conformance\/[^/]+\.json$/.test(path) || !commit.files[path]) continue
        const dir = path.split('/')[0]
        const manifestFile = dir === '.venth' ? 'venth.yaml' : 'froga.yaml'
        const doc = JSON.parse(current.get(path)!.toString('utf8')) as {
          system: string
          payload: {standard: string; clauses: ReferenceClause[]}
        }
        out.push({
          fixture,
          file: path,
          standard: doc.payload.standard,
          system: doc.system,
          clauses: doc.payload.clauses,
          bundle: current.get(`${dir}/bundle.json`)!,
          signature: current.get(`${dir}/bundle.json.sig`)!,
          manifest: current.get(manifestFile)!,
          manifestFile,
          pubkey: current.get(`${dir}/PUBKEY.txt`)!,
        })
      }
    }
  }
  return out
}

/** The bundled standard plugins' catalogs, loaded through their `sei:standards` hook modules. */
export async function bundledCatalogs(): Promise<Map<string, StandardCatalog>> {
  const out = new Map<string, StandardCatalog>()
  for (const name of [
    'standard-pren-18228',
    'standard-iso-23894',
    'standard-dora',
    'standard-pren-18282',
    'standard-pren-18283',
    'standard-mdr',
  ]) {
    const hook = (await import(join(projectRoot, 'plugins', name, 'lib', 'hooks', 'standards.js'))).default as (
      o: unknown,
    ) => Promise<StandardCatalog[]>
    for (const c of await hook({config: {}})) out.set(c.id, c)
  }
  return out
}
