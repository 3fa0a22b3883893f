// Materialises an example system (examples/<name>) as a fresh git repository, and applies its
// treatment as a commit: what `npm run demo` and the examples' e2e tests both do. Every process is
// run with an argument array (no shell strings).
import {execFileSync} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'

export const projectRoot = join(import.meta.dirname, '..')
export const venvBin = join(projectRoot, '.venv', 'bin')

/** The environment the pipeline tools run in: the project's venv first on PATH, no analytics. */
export function toolEnv(extra = {}) {
  return {
    ...process.env,
    PATH: `${venvBin}:${process.env.PATH ?? ''}`,
    VIRTUAL_ENV: join(projectRoot, '.venv'),
    DVC_NO_ANALYTICS: '1',
    ...extra,
  }
}

/** The example's description (tool, treatment). */
export function exampleOf(name) {
  return JSON.parse(readFileSync(join(projectRoot, 'examples', name, 'example.json'), 'utf8'))
}

const git = (dir, args, env) => execFileSync('git', args, {cwd: dir, env, encoding: 'utf8'})

/** A new git repository holding examples/<name> (minus the treatment folder), committed as "declare". */
export function materialise(name, {dir = mkdtempSync(join(tmpdir(), `sei-example-${name}-`)), env = toolEnv()} = {}) {
  const source = join(projectRoot, 'examples', name)
  cpSync(source, dir, {
    recursive: true,
    filter: (src) =>
      !src.startsWith(join(source, 'treatment')) && !src.endsWith('example.json') && !src.includes('__pycache__'),
  })
  git(dir, ['init', '-q', '-b', 'main'], env)
  // A repository of its own: a user without a global git identity still gets commits.
  for (const [key, value] of [
    ['user.name', 'Demo User'],
    ['user.email', 'demo@example.org'],
  ]) {
    try {
      git(dir, ['config', '--get', key], env)
    } catch {
      git(dir, ['config', key, value], env)
    }
  }
  if (exampleOf(name).tool === 'dvc') {
    execFileSync('dvc', ['init', '-q'], {cwd: dir, env})
    execFileSync('dvc', ['config', 'core.analytics', 'false'], {cwd: dir, env})
  }
  git(dir, ['add', '-A'], env)
  git(dir, ['commit', '-q', '-m', `declare: ${name} (sei.yaml, data, pipeline)`], env)
  return dir
}

/** Applies the example's treatment (files copied or a parameter changed) and commits it; returns the commit. */
export function applyTreatment(name, dir, env = toolEnv()) {
  const {treatment} = exampleOf(name)
  for (const [from, to] of Object.entries(treatment.copy ?? {}))
    cpSync(join(projectRoot, 'examples', name, from), join(dir, to))
  for (const [file, {from, to}] of Object.entries(treatment.replace ?? {})) {
    const path = join(dir, file)
    const before = readFileSync(path, 'utf8')
    if (!before.includes(from)) throw new Error(`the treatment of ${name} expects "${from}" in ${file}`)
    writeFileSync(path, before.replace(from, to))
  }
  git(dir, ['add', '-A'], env)
  git(dir, ['commit', '-q', '-m', treatment.message], env)
  return git(dir, ['rev-parse', 'HEAD'], env).trim()
}
