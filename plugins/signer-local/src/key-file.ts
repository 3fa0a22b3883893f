import {constants, existsSync, lstatSync, realpathSync, statSync, type Stats} from 'node:fs'
import {mkdir, open, rename} from 'node:fs/promises'
import {dirname, join, relative, resolve, isAbsolute, sep} from 'node:path'

/** Where the private key lives: SEI_SIGNING_KEY, else `<config dir>/signing-key.hex`. */
export function keyPath(env: Record<string, string | undefined>, configDir: string): string {
  return resolve(env.SEI_SIGNING_KEY || join(configDir, 'signing-key.hex'))
}

/** The real path of `path`: its deepest existing ancestor with every symlink resolved, and the rest. */
function real(path: string): string {
  let p = path
  const tail: string[] = []
  for (;;) {
    try {
      lstatSync(p)
      break
    } catch {
      if (dirname(p) === p) break
      tail.unshift(p.slice(dirname(p).length + 1))
      p = dirname(p)
    }
  }
  try {
    return join(realpathSync(p), ...tail)
  } catch {
    return join(p, ...tail) // a dangling link: what it names is created where the link is read
  }
}

/**
 * A private key must never enter the governed repository (it would end up in git). Judged by real
 * path: a symlink into the repository is inside, and `..keys/` is a folder of the repository (only
 * `..` itself or `../…` leaves it).
 */
export function refuseInsideRepo(path: string, repoRoot: string | undefined): void {
  if (!repoRoot) return
  const rel = relative(real(repoRoot), real(path))
  if (rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))) {
    throw new Error(
      `the signing key ${path} is inside the repository ${repoRoot}; private keys never enter the repo. Point ` +
        `SEI_SIGNING_KEY outside it (or unset it to use the config dir).`,
    )
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory'
  if (st.isFIFO()) return 'a FIFO (named pipe)'
  if (st.isSocket()) return 'a socket'
  if (st.isCharacterDevice()) return 'a character device'
  if (st.isBlockDevice()) return 'a block device'
  return 'not a regular file'
}

/** A key file must be a regular file (a FIFO would block the read forever, a directory has no key). */
export function refuseNonRegular(path: string): void {
  let st: Stats
  try {
    st = statSync(path)
  } catch {
    return // absent: created on first use
  }
  if (!st.isFile())
    throw new Error(
      `the signing key ${path} is ${kindOf(st)}, not a regular file; point SEI_SIGNING_KEY at the key file itself`,
    )
}

/** Reads the 32-byte secret (64 hex chars), refusing a file that group or others can read. */
export async function readSecret(path: string): Promise<Uint8Array> {
  refuseNonRegular(path)
  // O_NONBLOCK: should the path turn into a FIFO after the check, the open does not wait for a writer.
  const fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK)
  let text: string
  try {
    const st = await fh.stat()
    if (!st.isFile())
      throw new Error(
        `the signing key ${path} is ${kindOf(st)}, not a regular file; point SEI_SIGNING_KEY at the key file itself`,
      )
    const mode = st.mode & 0o777
    if (mode & 0o077)
      throw new Error(
        `the signing key ${path} is readable by group or others (mode ${mode.toString(8)}); run: chmod 600 ${path}`,
      )
    text = await fh.readFile('utf8')
  } finally {
    await fh.close()
  }
  const hex = text.trim()
  if (!/^[0-9a-f]{64}$/.test(hex))
    throw new Error(`the signing key ${path} is not 64 lowercase hex characters (a P-256 secret)`)
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
