import {existsSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'
import {ExitCode, SeiError} from '../errors.js'
import {repoFile, resolveInside} from '../repo/index.js'
import {MAX_MANIFEST_BYTES, PATH_FIELDS} from './constants.js'
import {FAMILIES, type Family} from './families.js'
import type {Manifest} from './schema.js'
import type {ManifestProblem} from './validate.js'

/** A validated manifest and where it came from (`family` says sei, froga or venth). */
export type LoadedManifest = {manifest: Manifest; file: string; family: Family; text: string}

/** Which manifest a repository has (sei.yaml, then froga.yaml, then venth.yaml). */
export function findManifest(root: string): Family | undefined {
  return FAMILIES.find((f) => existsSync(join(root, f.manifest)))
}

/** The problems of a manifest's paths in a real checkout: symlinks that lead out of the repository. */
function pathProblems(
  root: string,
  manifest: Manifest,
  file: string,
  at: (path: string[]) => {line: number; col: number},
): ManifestProblem[] {
  const out: ManifestProblem[] = []
  for (const field of PATH_FIELDS) {
    const section = (manifest as Record<string, unknown>)[field[0]] as Record<string, unknown> | undefined
    const raw = section?.[field[1]]
    const values: [unknown, (string | number)[]][] = Array.isArray(raw)
      ? raw.map((v, i) => [v, [...field, i]])
      : [[raw, [...field]]]
    for (const [value, path] of values) {
      if (typeof value !== 'string') continue
      try {
        resolveInside(root, value, field.join('.'))
      } catch (error) {
        if (!(error instanceof SeiError)) throw error
        const message = `path ${JSON.stringify(
          value,
        )} leaves the repository (through a symlink); keep the file inside it`
        out.push({file, ...at(path as string[]), path: path.join('.'), message})
      }
    }
  }
  return out
}

/**
 * Loads and validates the repository's manifest; throws a SeiError listing every problem as
 * `sei.yaml:LINE:COL <path>: <message>` (exit 2).
 */
export async function loadManifest(root: string): Promise<LoadedManifest> {
  const family = findManifest(root)
  if (!family) {
    throw new SeiError('MANIFEST_MISSING', `no sei.yaml (or froga.yaml, venth.yaml) in ${root}`, {
      exit: ExitCode.invalidInput,
      actions: ['Run `sei init` to create a minimal sei.yaml.'],
    })
  }
  // Through the one resolver: a sei.yaml linked outside the repository is refused before it is read.
  const path = repoFile(root, family.manifest, {file: family.manifest})
  let text: string
  try {
    const st = await stat(path)
    const where = {file: family.manifest, line: 1, col: 1}
    if (!st.isFile())
      throw new SeiError('MANIFEST_NOT_FILE', `${family.manifest} is not a regular file`, {
        where,
        actions: [`Replace ${family.manifest} with a regular file (\`sei init\` writes a minimal one).`],
      })
    // Refused by size before it is read: a manifest is a few kilobytes (validate.ts says the same of the text).
    if (st.size > MAX_MANIFEST_BYTES) {
      const message = `${family.manifest} is ${st.size} bytes, larger than ${MAX_MANIFEST_BYTES}: not a manifest`
      throw new SeiError('MANIFEST_TOO_LARGE', message, {
        where,
        actions: [`Check that ${family.manifest} is the sei manifest; keep data out of it (reference files instead).`],
      })
    }
    text = await readFile(path, 'utf8')
  } catch (error) {
    if (error instanceof SeiError) throw error
    throw new SeiError('MANIFEST_UNREADABLE', `cannot read ${family.manifest}: ${(error as Error).message}`, {
      cause: error,
      actions: [`Check the permissions of ${family.manifest} (ls -l) and that the disk is readable.`],
    })
  }
  // A manifest that validated cleanly before, byte for byte, is not parsed again (cache.ts); the
  // checks on the checkout itself still run, and any problem there is reported from a full analysis.
  const {cachedManifest, rememberManifest} = await import('./cache.js')
  const cached = cachedManifest(family.manifest, text)
  if (cached && pathProblems(root, cached, family.manifest, () => ({line: 1, col: 1})).length === 0)
    return {manifest: cached, file: family.manifest, family, text}
  // The validator (and yaml) load on first use: `sei verify` only needs findManifest from here.
  const {analyseManifest, formatProblem, sortProblems} = await import('./validate.js')
  const analysed = analyseManifest(text, family.manifest)
  const problems = analysed.manifest
    ? pathProblems(root, analysed.manifest, family.manifest, analysed.at)
    : analysed.problems
  if (!analysed.manifest || problems.length > 0) {
    const sorted = sortProblems(problems)
    const first = sorted[0]
    throw new SeiError(
      'MANIFEST_INVALID',
      `${family.manifest} has ${sorted.length} problem${sorted.length === 1 ? '' : 's'}`,
      {
        exit: ExitCode.invalidInput,
        where: first ? {file: first.file, line: first.line, col: first.col} : {file: family.manifest},
        problems: sorted.map(formatProblem),
        actions: [
          `Fix ${family.manifest} as each line says; editors check it as you type through the ` +
            `yaml-language-server modeline that \`sei init\` writes.`,
        ],
      },
    )
  }
  rememberManifest(family.manifest, text, analysed.manifest)
  return {manifest: analysed.manifest, file: family.manifest, family, text}
}
