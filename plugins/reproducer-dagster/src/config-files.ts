import {readdirSync} from 'node:fs'
import {join, posix} from 'node:path'
import {repoRelative} from '@sei/sdk'

/** The manifest's `config` option as a list (one file or pattern, or several). */
export function configPatterns(pipeline: Record<string, unknown>): string[] {
  const c = pipeline.config
  return typeof c === 'string' ? [c] : Array.isArray(c) ? (c as string[]) : []
}

const segmentRegex = (seg: string): RegExp => {
  const escaped = seg.replace(/[.+^${}()|\\]/g, '\\$&')
  return new RegExp(`^${escaped.replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\[!/g, '[^')}$`, 'u')
}

/**
 * The repository files a `dagster -c` pattern names, as Python's glob.glob (which dagster uses) expands
 * it: `*`, `?` and `[...]` within one path segment, hidden files only when the pattern says so; a plain
 * path is itself. Paths that leave the repository are not returned.
 */
export function expandConfig(root: string, pattern: string): string[] {
  if (!/[*?[]/.test(pattern)) {
    const rel = repoRelative(root, pattern)
    return rel === undefined ? [] : [rel]
  }
  let dirs = ['.']
  const segs = posix.normalize(pattern).split('/')
  segs.forEach((seg, n) => {
    const last = n === segs.length - 1
    const next: string[] = []
    for (const d of dirs) {
      if (!/[*?[]/.test(seg)) {
        next.push(posix.join(d, seg))
        continue
      }
      const re = segmentRegex(seg)
      let names: string[] = []
      try {
        names = readdirSync(join(root, d)).sort()
      } catch {
        // not a directory: no match below it
      }
      for (const name of names) {
        if (re.test(name) && (!name.startsWith('.') || seg.startsWith('.'))) next.push(posix.join(d, name))
      }
      if (last) continue
    }
    dirs = next
  })
  return dirs.map((p) => repoRelative(root, p)).filter((p): p is string => p !== undefined)
}

/** Every config file must stay inside the repository (a manifest path); a pattern may not name `..` or `/`. */
export function checkConfigPaths(root: string, pipeline: Record<string, unknown>): void {
  for (const c of configPatterns(pipeline)) {
    const pattern = /[*?[]/.test(c)
    const leaves = c.startsWith('/') || c.split('/').includes('..') || (!pattern && repoRelative(root, c) === undefined)
    if (leaves) throw new Error(`pipeline.config: ${c} is missing or outside the repository`)
  }
}
