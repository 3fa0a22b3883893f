import {existsSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {FAMILIES, type Family} from './families.js'
import {parse as parseYaml} from 'yaml'
import Value from 'typebox/value'
import {ManifestSchema, type Manifest} from './schema.js'

/** One problem in a manifest, located: `sei.yaml:14:7 risk.risks[2].impact.society: expected …`. */
export type ManifestProblem = {file: string; line: number; col: number; path: string; message: string}

export type LoadedManifest = {manifest: Manifest; file: string; family: Family; text: string}

/** Which manifest a repository has (sei.yaml, then froga.yaml, then venth.yaml). */
export function findManifest(root: string): Family | undefined {
  return FAMILIES.find((f) => existsSync(join(root, f.manifest)))
}

// INTERIM (H1 replaces it with the located validator): YAML parse + typebox check, located at 1:1.
export function parseManifest(text: string, file: string): {manifest?: Manifest; problems: ManifestProblem[]} {
  let doc: unknown
  try {
    doc = parseYaml(text)
  } catch (error) {
    return {problems: [{file, line: 1, col: 1, path: '', message: (error as Error).message}]}
  }
  const problems = [...Value.Errors(ManifestSchema, doc)].map((e) => ({file, line: 1, col: 1, path: e.instancePath, message: e.message}))
  return problems.length > 0 ? {problems} : {manifest: doc as Manifest, problems}
}

/** Loads and validates the repository's manifest; throws a SeiError listing every problem (exit 2). */
export async function loadManifest(root: string): Promise<LoadedManifest> {
  const family = findManifest(root)
  if (!family) {
    throw new SeiError('MANIFEST_MISSING', `no sei.yaml (or froga.yaml, venth.yaml) in ${root}`, {exit: ExitCode.invalidInput, actions: ['Run `sei init` to create a minimal sei.yaml.']})
  }
  const text = await readFile(join(root, family.manifest), 'utf8')
  const {manifest, problems} = parseManifest(text, family.manifest)
  if (!manifest || problems.length > 0) {
    throw new SeiError('MANIFEST_INVALID', `${family.manifest} has ${problems.length} problem(s)`, {
      problems: problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.path}: ${p.message}`),
      actions: [`Fix ${family.manifest} as each line says; editors validate it with the schema named in its first line.`],
    })
  }
  return {manifest, file: family.manifest, family, text}
}
