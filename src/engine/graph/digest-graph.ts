import {lstat} from 'node:fs/promises'
import type {PipelineInput} from '@sei/sdk'
import {canonicalJson} from '../canonical/index.js'
import {type CroissantDigest, type Digester, sha256Hex} from '../digest/index.js'
import {ExitCode, SeiError, withField} from '../errors.js'
import {resolveInside} from '../repo/index.js'
import {type AssembledGraph, inputId, inputLabel} from './assemble.js'

/** What the lock keeps for an env input valued by a version: the version itself, so drift can name both. */
export const VERSION_DIGEST = 'version:'

export type DigestedInput = PipelineInput & {
  id: string
  /** `sha256:<hex>`, `md5:<hex>` (DVC's, `.dir` for a directory), or `missing`. */
  now: string
  present: boolean
  /** The recorded hash in the same notation, when the tool records one. */
  pinned?: string
  /** For an input digested in md5: `sha256:<hex>` of the same bytes (file, or directory listing), when known. */
  content?: string
}

/**
 * What the lock knows of an md5 input: its md5 digest and the sha256 of the same bytes, both computed by the
 * run that wrote it from one state of the workspace.
 */
export type ContentPair = {digest: string; content: string}

export type DigestOptions = {
  /**
   * `pairs`: an md5 input the lock pairs with a sha256 is hashed in sha256 (SHA instructions, about twice
   * md5's speed on one core): bytes with the recorded sha256 have the recorded md5, so md5 is computed only
   * for what changed. `both`: every md5 input is hashed both ways (the run that writes the lock).
   */
  content: 'pairs' | 'both'
  pairs?: Readonly<Record<string, ContentPair>>
}

export type DigestedGraph = {
  inputs: DigestedInput[]
  /** One line per input judged by its recorded hash because it is not in the workspace. */
  pinnedNotes: string[]
  /** Present inputs whose bytes differ from the hash the tool records (dvc.lock, a `.dvc`, a declared sha256). */
  mismatches: {input: DigestedInput; line: string}[]
  croissant?: CroissantDigest
  warnings: string[]
  environmentUnread?: string
}

async function exists(abs: string): Promise<boolean> {
  try {
    await lstat(abs)
    return true
  } catch {
    return false
  }
}

const isUrl = (p: string) => /^[a-z][a-z0-9+.-]*:/i.test(p)

/** An input the manifest names itself (eval.script, pipeline.metrics, …): its errors are located at that field. */
function manifestField(input: PipelineInput): string | undefined {
  return input.declaredBy && /^(eval|pipeline|dataset)\.[a-z_]+$/.test(input.declaredBy) ? input.declaredBy : undefined
}

function inside(root: string, input: PipelineInput): string {
  try {
    return resolveInside(root, input.path, `${input.declaredBy ?? input.kind} input`)
  } catch (error) {
    const field = manifestField(input)
    throw field ? withField(error, field) : error
  }
}

/** md5 (DVC's notation) and, where asked or useful, the sha256 of one present input. */
async function digestRecorded(
  digester: Digester,
  input: PipelineInput,
  what: string,
  options: DigestOptions,
): Promise<{now: string; content?: string}> {
  const pair = options.pairs?.[inputId(input)]
  if (options.content === 'pairs' && !pair) return {now: `md5:${await digester.digest(input.path, 'md5', what)}`}
  const content = `sha256:${await digester.digest(input.path, 'sha256', what)}`
  if (options.content === 'pairs' && pair?.content === content && pair.digest.startsWith('md5:'))
    return {now: pair.digest, content}
  return {now: `md5:${await digester.digest(input.path, 'md5', what)}`, content}
}

/**
 * Digests every input of the graph: parsed values (params keys, stage definitions) as canonical JSON,
 * files and directories in the algorithm their tool records (DVC's md5) or sha256, through the stat
 * cache (DVC's md5 through the lock's sha256 pairs: DigestOptions). An absent input pinned by a recorded hash is
 * judged by that hash (CI without `dvc pull`).
 */
export async function digestGraph(
  digester: Digester,
  graph: AssembledGraph,
  options: DigestOptions = {content: 'both'},
): Promise<DigestedGraph> {
  const pinnedNotes: string[] = []
  const mismatches: DigestedGraph['mismatches'] = []
  const files: {input: PipelineInput; abs?: string}[] = []
  for (const input of graph.inputs) {
    if (input.value !== undefined || isUrl(input.path)) files.push({input})
    else files.push({input, abs: inside(digester.root, input)})
  }
  const present = await Promise.all(files.map((f) => (f.abs ? exists(f.abs) : Promise.resolve(false))))
  const toHash = files.map((f, i) => ({f, i})).filter(({i}) => present[i])
  const hashes = await digester.each(toHash, ({f}): Promise<{now: string; content?: string}> => {
    const what = `${f.input.declaredBy ?? f.input.kind} input`
    return f.input.recorded?.algorithm === 'md5'
      ? digestRecorded(digester, f.input, what, options)
      : digester.digest(f.input.path, 'sha256', what).then((hex) => ({now: `sha256:${hex}`}))
  })
  const hashOf = new Map(toHash.map(({i}, n) => [i, hashes[n]]))
  const inputs: DigestedInput[] = files.map(({input}, i) => {
    const pinned = input.recorded ? `${input.recorded.algorithm}:${input.recorded.value}` : undefined
    const base = {...input, id: inputId(input), pinned}
    // A distribution's version is kept as it is (`version:1.6.1`): as exact as a digest of it, and drift can name it.
    if (input.kind === 'env' && typeof input.value === 'string') {
      return {...base, now: `${VERSION_DIGEST}${input.value}`, present: true}
    }
    if (input.value !== undefined)
      return {...base, now: `sha256:${sha256Hex(canonicalJson(input.value))}`, present: true}
    if (present[i]) {
      const {now, content} = hashOf.get(i)!
      const d = {...base, now, present: true, ...(content ? {content} : {})}
      if (pinned && pinned !== now)
        mismatches.push({
          input: d,
          line:
            `${inputLabel(input)} differs from the ${input.recorded!.algorithm} ` +
            `recorded in ${input.recorded!.source}`,
        })
      return d
    }
    if (pinned) {
      pinnedNotes.push(`${input.path} not in the workspace: pinned by ${input.recorded!.source}`)
      return {...base, now: pinned, present: false}
    }
    // A file the manifest itself names as code (eval.script, a legacy pipeline.params) must exist: its
    // absence is a manifest error, located; a tool's input that went missing is drift, as the tool says.
    const field = manifestField(input)
    if (field && field !== 'pipeline.metrics') {
      throw new SeiError('INPUT_MISSING', `${field} "${input.path}" does not exist`, {
        exit: ExitCode.invalidInput,
        field,
        actions: [`Create ${input.path}, or fix ${field} in the manifest.`],
      })
    }
    return {...base, now: 'missing', present: false}
  })
  let croissant: CroissantDigest | undefined
  if (graph.croissant) {
    // The triple's dataset id needs sha256 of each local file (the reference's rule), whatever the tool records.
    const digests = await Promise.all(
      graph.croissant.files.map(async (f) => {
        const inWorkspace =
          !f.remote && (await exists(resolveInside(digester.root, f.path, `${graph.croissant!.path} contentUrl`)))
        const sha256 =
          inWorkspace || !f.declared ? await digester.file(f.path, `${graph.croissant!.path} contentUrl`) : f.declared
        // The declared sha256 is the dataset's identity even where the pipeline tool pins the file by its own hash.
        const input = inputs.find((i) => i.path === f.path)
        if (f.declared && sha256 !== f.declared && input && !mismatches.some((m) => m.input === input)) {
          mismatches.push({
            input,
            line: `${inputLabel(input)} differs from the sha256 recorded in ${graph.croissant!.path}`,
          })
        }
        return {path: f.path, sha256}
      }),
    )
    croissant = {...graph.croissant, digests}
  }
  const unread = graph.environmentUnread ? {environmentUnread: graph.environmentUnread} : {}
  return {inputs, pinnedNotes, mismatches, croissant, warnings: graph.warnings, ...unread}
}
