import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {projectRoot} from './cli.js'

const readme = () => readFileSync(join(projectRoot, 'README.md'), 'utf8')

/** The one line of README.md that starts with `start`: a recipe the tests run exactly as the reader sees it. */
export function readmeLine(start: string): string {
  const lines = readme()
    .split('\n')
    .filter((l) => l.startsWith(start))
  if (lines.length !== 1) throw new Error(`README.md has ${lines.length} lines starting with "${start}", not one`)
  return lines[0]
}

/** The fenced code blocks (their bodies) of the README section under `heading`, in order. */
export function readmeBlocks(heading: string): string[] {
  const text = readme()
  const start = text.indexOf(`\n${heading}\n`)
  if (start < 0) throw new Error(`README.md has no section "${heading}"`)
  const next = text.indexOf('\n## ', start + heading.length + 2)
  const section = text.slice(start, next < 0 ? undefined : next)
  return [...section.matchAll(/\n```[a-z]*\n([\s\S]*?)\n```/g)].map((m) => m[1])
}
