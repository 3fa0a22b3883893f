import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {basename, join} from 'node:path'
import {projectRoot} from '../helpers/cli.js'

const NODE_NAMES = new Set(['node', 'nodejs', 'npm', 'npx', 'corepack', 'yarn', 'yarnpkg', 'pnpm'])

/**
 * A PATH with the system's tools but no node: one directory of links to every program of the
 * system's bin directories except node and its package managers (/usr/bin has a Node 20 here, so
 * dropping whole directories would also drop bash, git and tar).
 */
export function pathWithoutNode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sei-nonode-'))
  for (const bin of ['/usr/local/bin', '/usr/bin', '/bin']) {
    if (!existsSync(bin)) continue
    for (const name of readdirSync(bin)) {
      if (NODE_NAMES.has(name) || existsSync(join(dir, name))) continue
      symlinkSync(join(bin, name), join(dir, name))
    }
  }
  return dir
}

/** A bare environment: the node-free PATH, a fresh HOME, sei's dirs in the temp dir, nothing else. */
export function bareEnv(path: string, extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'sei-home-'))
  mkdirSync(join(home, '.config'), {recursive: true})
  return {PATH: path, HOME: home, NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', LANG: 'C.UTF-8', ...extra}
}

/** Builds dist/sei-v…-linux-x64.tar.gz with scripts/pack-tarball.sh (or takes SEI_TARBALL) and returns its path. */
export function buildTarball(): string {
  if (process.env.SEI_TARBALL) return process.env.SEI_TARBALL
  const out = execFileSync('bash', [join(projectRoot, 'scripts', 'pack-tarball.sh')], {
    cwd: projectRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 600_000,
  })
  return out.trim().split('\n').at(-1) as string
}

export function run(
  cmd: string,
  args: string[],
  env: Record<string, string>,
  cwd?: string,
): {status: number; stdout: string; stderr: string} {
  const r = spawnSync(cmd, args, {env, cwd, encoding: 'utf8', timeout: 300_000})
  return {status: r.status ?? -1, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`}
}

export const tarballName = (p: string) => basename(p)
