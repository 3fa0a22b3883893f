import {readFileSync} from 'node:fs'
import {join, posix} from 'node:path'
import {repoRelative} from '@sei/sdk'

/** `-r file` / `-c file` (and the long forms) of a pip requirement line or list entry. */
function includedFile(entry: string): string | undefined {
  const m = /^\s*(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+)(\S+)/.exec(entry)
  return m?.[1]
}

/**
 * The environment files of an MLflow project, repository-relative: the python_env / conda file and every
 * requirements or constraints file it names (`-r requirements.txt` in python_env.yaml's dependencies, in
 * conda's `pip:` list, and recursively inside requirements files). Files outside the repository or
 * missing become warnings.
 */
export async function environmentFiles(root: string, envFile: string): Promise<{files: string[]; warnings: string[]}> {
  const files: string[] = []
  const warnings: string[] = []
  const pending: {path: string; from?: string}[] = [{path: envFile}]
  const {parse} = await import('yaml')
  while (pending.length > 0) {
    const {path, from} = pending.shift()!
    const rel = repoRelative(root, path)
    if (rel === undefined) {
      const named = from ? ` (named by ${from})` : ''
      warnings.push(`${path}${named} is missing or outside the repository: not part of the environment's inputs`)
      continue
    }
    if (files.includes(rel)) continue
    files.push(rel)
    let text: string
    try {
      text = readFileSync(join(root, rel), 'utf8')
    } catch {
      continue
    }
    const includes: string[] = []
    if (/\.ya?ml$/i.test(rel)) {
      let doc: unknown
      try {
        doc = parse(text)
      } catch {
        warnings.push(`${rel}: not valid YAML; the requirements files it names are not followed`)
        continue
      }
      const d = (doc ?? {}) as {dependencies?: unknown; build_dependencies?: unknown}
      const lists = [d.dependencies, d.build_dependencies].filter(Array.isArray) as unknown[][]
      for (const list of lists) {
        for (const item of list) {
          const pip = item && typeof item === 'object' ? (item as {pip?: unknown}).pip : undefined
          if (typeof item === 'string') includes.push(item)
          else if (Array.isArray(pip)) includes.push(...pip.filter((x): x is string => typeof x === 'string'))
        }
      }
    } else includes.push(...text.split(/\r?\n/))
    for (const entry of includes) {
      const f = includedFile(entry)
      if (f) pending.push({path: posix.join(posix.dirname(rel), f), from: rel})
    }
  }
  return {files, warnings}
}
