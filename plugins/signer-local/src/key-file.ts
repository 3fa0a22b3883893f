import {existsSync, realpathSync, statSync} from 'node:fs'
import {mkdir, open, readFile, rename} from 'node:fs/promises'
import {dirname, join, relative, resolve, isAbsolute} from 'node:path'

/** Where the private key lives: SEI_SIGNING_KEY, else `<config dir>/signing-key.hex`. */
export function keyPath(env: Record<string, string | undefined>, configDir: string): string {
  return resolve(env.SEI_SIGNING_KEY || join(configDir, 'signing-key.hex'))
}

function real(path: string): string {
  let p = path
  const tail: string[] = []
  while (!existsSync(p) && dirname(p) !== p) {
    tail.unshift(p.slice(dirname(p).length + 1))
    p = dirname(p)
  }
  return join(realpathSync(p), ...tail)
}

/** A private key must never enter the governed repository (it would end up in git). */
export function refuseInsideRepo(path: string, repoRoot: string | undefined): void {
  if (!repoRoot) return
  const rel = relative(real(repoRoot), real(path))
  if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) {
    throw new Error(`the signing key ${path} is inside the repository ${repoRoot}; private keys never enter the repo. Point SEI_SIGNING_KEY outside it (or unset it to use the config dir).`)
  }
}

/** Reads the 32-byte secret (64 hex chars), refusing a file that group or others can read. */
export async function readSecret(path: string): Promise<Uint8Array> {
  const mode = statSync(path).mode & 0o777
  if (mode & 0o077) throw new Error(`the signing key ${path} is readable by group or others (mode ${mode.toString(8)}); run: chmod 600 ${path}`)
  const hex = (await readFile(path, 'utf8')).trim()
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`the signing key ${path} is not 64 lowercase hex characters (a P-256 secret)`)
  return Buffer.from(hex, 'hex')
}

/** Writes a new secret with mode 0600, atomically, never replacing an existing file. */
export async function createSecret(path: string, secret: Uint8Array): Promise<void> {
  await mkdir(dirname(path), {recursive: true, mode: 0o700})
  const tmp = `${path}.${process.pid}.tmp`
  const fh = await open(tmp, 'wx', 0o600)
  try {
    await fh.writeFile(`${Buffer.from(secret).toString('hex')}\n`)
    await fh.sync()
  } finally {
    await fh.close()
  }
  if (existsSync(path)) throw new Error(`refusing to replace the existing signing key ${path}`)
  await rename(tmp, path)
}
