import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {writeCacheFile} from '../cache-file.js'
import {codeIdentity} from '../code-identity.js'
import {manifestSchemaPath} from '../manifest/index.js'
import type {HistoryIdentity} from '../repo/index.js'

// Answers that depend only on the commits reachable from HEAD (the retirement act) are kept in the CLI's
// cache dir (never in the repository), one small file per repository and question, overwritten when HEAD
// moves: the status gate then reads HEAD's files instead of walking the history with git. The key is
// the history's identity (common git dir, HEAD's commit id, the shallow boundary) and the code that
// computed the answer (history/ and the start-up bundle: an upgrade may read acts differently). A lost,
// torn or foreign entry is a miss; a failed write only costs git next time.

const FORMAT = 1

let codeId: string | undefined

function code(): string {
  if (!codeId) {
    const root = dirname(dirname(manifestSchemaPath()))
    codeId = codeIdentity(`sei-head-cache ${FORMAT}`, [
      import.meta.dirname,
      join(root, 'lib', 'src', 'engine', 'history'),
      join(root, 'lib', 'fast'),
    ])
  }
  return codeId
}

function entryPath(cacheDir: string, question: string, id: HistoryIdentity): string {
  const repo = createHash('sha256').update(id.commonDir).digest('hex').slice(0, 32)
  return join(cacheDir, question, `${repo}.json`)
}

/** The answer stored for exactly this history and code: `{value}`, or undefined on a miss. */
export function cachedAnswer(cacheDir: string, question: string, id: HistoryIdentity): {value: unknown} | undefined {
  try {
    const e = JSON.parse(readFileSync(entryPath(cacheDir, question, id), 'utf8'))
    const same =
      e?.format === FORMAT &&
      e.code === code() &&
      e.commonDir === id.commonDir &&
      e.oid === id.oid &&
      e.shallow === id.shallow &&
      Object.hasOwn(e, 'value')
    return same ? {value: e.value} : undefined
  } catch {
    return undefined
  }
}

/** Stores the answer for this history over the repository's previous one (temp file + rename). */
export function rememberAnswer(cacheDir: string, question: string, id: HistoryIdentity, value: unknown): void {
  writeCacheFile(entryPath(cacheDir, question, id), JSON.stringify({format: FORMAT, code: code(), ...id, value}))
}
