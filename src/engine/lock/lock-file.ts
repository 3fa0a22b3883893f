import {readFileSync} from 'node:fs'
import {ExitCode, SeiError} from '../errors.js'
import {repoFile} from '../repo/index.js'
import type {Family} from '../manifest/index.js'
import type {Section, SectionName, Triple} from './sections.js'

export type LockFile = {
  schema_version: string
  program_uid: string
  triple: Triple
  sections: Partial<Record<SectionName, Section>>
  /** The bundle's DSSE envelope as a string, byte-identical to bundle.json.sig (reference format). */
  signed_bundle_digest: string
  /** sei's addition: `sha256:` + hex of the bundle.json bytes the lock anchors. */
  bundle_sha256?: string
  /** sei's addition: the measurement sections hold one digest per input of the pipeline's graph. */
  input_graph?: number
}

export const LOCK_SCHEMA = 'venturalitica.ai/v1alpha1'

/** Reads `<family>.lock`; undefined when there is none (never run). A corrupt lock is exit 2. */
export function readLock(root: string, family: Family): LockFile | undefined {
  let text: string
  // A lock linked outside the repository is refused before it is read (its content is never quoted).
  const path = repoFile(root, family.lock, {file: family.lock})
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new SeiError('LOCK_INVALID', `${family.lock} cannot be read (${(error as NodeJS.ErrnoException).code})`, {
      exit: ExitCode.invalidInput,
      where: {file: family.lock},
      actions: ['Remove it and run `sei run` to rewrite it (the previous version is in git history).'],
    })
  }
  try {
    const lock = JSON.parse(text) as LockFile
    if (!lock || typeof lock !== 'object' || typeof lock.sections !== 'object') throw new Error('no sections')
    return lock
  } catch (error) {
    throw new SeiError('LOCK_INVALID', `${family.lock} is not a valid lock file: ${(error as Error).message}`, {
      exit: ExitCode.invalidInput,
      where: {file: family.lock},
      actions: ['Run `sei run` to rewrite it (the previous version is in git history).'],
    })
  }
}

/** The lock's text: reference key order, sections sorted, 2-space JSON without final newline. */
export function serialiseLock(lock: LockFile): string {
  const sections: Record<string, Section> = {}
  for (const k of Object.keys(lock.sections).sort()) {
    const sec = lock.sections[k as SectionName]!
    sections[k] = {
      status: sec.status,
      input_hash: sec.input_hash,
      edge_type: sec.edge_type,
      inputs: sec.inputs,
      content: sec.content,
    }
  }
  const ordered = {
    schema_version: lock.schema_version,
    program_uid: lock.program_uid,
    triple: {code: lock.triple.code, model: lock.triple.model, dataset: lock.triple.dataset},
    sections,
    signed_bundle_digest: lock.signed_bundle_digest,
    bundle_sha256: lock.bundle_sha256,
    input_graph: lock.input_graph,
  }
  return JSON.stringify(ordered, null, 2)
}
