import {readFileSync} from 'node:fs'
import {ExitCode, SeiError, type Where} from '../errors.js'
import {repoFile} from '../repo/index.js'

/** The evidence bundle as read from disk or from a commit: its bytes and the JSON object they hold. */
export type ReadBundle<T> = {file: string; bytes: Buffer; bundle: T}

/**
 * The bundle `bytes` hold, or BUNDLE_INVALID (exit 1) located at `where` (line and column when JSON.parse
 * names them): status, approve, assess, soa and conformance all fail the same way on a damaged bundle.
 */
export function parseBundle<T = Record<string, unknown>>(bytes: Buffer, where: Where): T {
  let value: unknown
  let reason: string | undefined
  try {
    value = JSON.parse(bytes.toString('utf8'))
    if (value === null || typeof value !== 'object' || Array.isArray(value)) reason = 'not a JSON object'
  } catch (error) {
    reason = (error as Error).message
  }
  if (reason === undefined) return value as T
  // JSON.parse names the offset of the first bad character: shown as line and column, as an editor counts them
  const at = /at position (\d+)/.exec(reason)
  const located =
    at && where.line === undefined ? {...where, ...lineAndColumn(bytes.toString('utf8'), Number(at[1]))} : where
  throw new SeiError('BUNDLE_INVALID', `${where.file} is not a valid evidence bundle: ${reason}`, {
    exit: ExitCode.failed,
    where: located,
    actions: ['Run `sei run` to write a fresh signed bundle (git restore it if it was edited by hand).'],
  })
}

function lineAndColumn(text: string, offset: number): {line: number; col: number} {
  const before = text.slice(0, offset)
  return {line: before.split('\n').length, col: offset - before.lastIndexOf('\n')}
}

/**
 * The bundle in the work tree's `evidenceDir` (`.sei/bundle.json`), or undefined when there is none yet.
 * A bundle that is there but unreadable or not a JSON object is an error, never taken for "no bundle".
 */
export function readCurrentBundle<T = Record<string, unknown>>(
  root: string,
  evidenceDir: string,
): ReadBundle<T> | undefined {
  const file = `${evidenceDir}/bundle.json`
  let bytes: Buffer
  try {
    bytes = readFileSync(repoFile(root, file))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new SeiError('BUNDLE_UNREADABLE', `${file} cannot be read: ${(error as Error).message}`, {
      exit: ExitCode.environment,
      where: {file},
      actions: [`Check the permissions of ${file} (and that it is a file), then run sei again.`],
    })
  }
  return {file, bytes, bundle: parseBundle<T>(bytes, {file})}
}

/** No signed bundle in `evidenceDir`: nothing has been measured and signed yet (exit 1). */
export function noBundle(evidenceDir: string): SeiError {
  return new SeiError(
    'NO_EVIDENCE',
    `no signed bundle at ${evidenceDir}/bundle.json(.sig): \`sei run\` has not been executed`,
    {exit: ExitCode.failed, actions: ['Run `sei run` to produce and sign the evidence bundle.']},
  )
}

/** readCurrentBundle for a command that needs the bundle: none is NO_EVIDENCE. */
export function requireCurrentBundle<T = Record<string, unknown>>(root: string, evidenceDir: string): ReadBundle<T> {
  const read = readCurrentBundle<T>(root, evidenceDir)
  if (!read) throw noBundle(evidenceDir)
  return read
}
