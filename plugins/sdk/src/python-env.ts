import {accessSync, constants, openSync, readSync, closeSync} from 'node:fs'
import {delimiter, isAbsolute, join} from 'node:path'

/** The Python environment a pipeline runs in, as its reproducer sees it (what sei's SBOM describes). */
export type PythonEnvironment = {
  /** Absolute path of the interpreter (a venv's `bin/python`, not its resolved base interpreter). */
  python: string
  /** How it was found, for the user and the evidence: "the interpreter of `mlflow` on PATH". */
  description: string
}

type Env = Record<string, string | undefined>

/** The first executable called `name` on `env.PATH`, or undefined. */
export function whichOnPath(name: string, env: Env): string | undefined {
  if (isAbsolute(name)) return executable(name) ? name : undefined
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, name)
    if (executable(candidate)) return candidate
  }
  return undefined
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function head(path: string): string {
  const fd = openSync(path, 'r')
  try {
    const buf = Buffer.alloc(1024)
    const n = readSync(fd, buf, 0, buf.length, 0)
    return buf.subarray(0, n).toString('utf8')
  } catch {
    return ''
  } finally {
    closeSync(fd)
  }
}

const PYTHON_NAME = /(^|\/)python[\d.]*$/

/**
 * The interpreter a command on PATH runs under: `python3` itself, or the interpreter named by a console
 * script's shebang (`#!/venv/bin/python`, `#!/usr/bin/env python3`, or pip's `/bin/sh` trampoline for
 * long paths). Undefined when the command is not on PATH or is not a Python program.
 */
export function pythonOf(command: string, env: Env): string | undefined {
  const path = whichOnPath(command, env)
  if (!path) return undefined
  if (PYTHON_NAME.test(path)) return path
  const text = head(path)
  if (!text.startsWith('#!')) return undefined
  const first = text.slice(2, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')).trim()
  const [program, ...args] = first.split(/\s+/)
  if (PYTHON_NAME.test(program)) return program
  if (/(^|\/)env$/.test(program)) {
    const name = args.find((a) => !a.startsWith('-'))
    return name && PYTHON_NAME.test(name) ? whichOnPath(name, env) : undefined
  }
  // pip's trampoline: #!/bin/sh, then '''exec' "/very/long/path/bin/python" "$0" "$@"
  const exec = /'''exec' (?:"([^"]+)"|(\S+)) "\$0"/.exec(text)
  const target = exec?.[1] ?? exec?.[2]
  return target && PYTHON_NAME.test(target) ? target : undefined
}

/** The Python environment of a command on PATH (`mlflow`, `dagster`, `python`), described for the evidence. */
export function pythonEnvironmentOf(command: string, env: Env): PythonEnvironment | undefined {
  const python = pythonOf(command, env)
  if (!python) return undefined
  if (PYTHON_NAME.test(command)) return {python, description: `the interpreter on PATH (${python})`}
  return {python, description: `the interpreter \`${command}\` on PATH runs in (${python})`}
}
