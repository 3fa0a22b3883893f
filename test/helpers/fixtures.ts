import {execFileSync} from 'node:child_process'
import {existsSync, mkdtempSync, readFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {projectRoot} from './cli.js'

/** The reference engine's evidence (../shared/fixtures/reference-evidence), next to the checkout. */
export const referenceEvidence =
  process.env.SEI_REFERENCE_EVIDENCE ?? join(projectRoot, 'test', 'fixtures', 'reference-evidence')
export const fixtureNames = ['novacredit', 'quickstart', 'retina-screening'] as const
export type FixtureName = (typeof fixtureNames)[number]

export type HistoryCommit = {
  sha: string
  tag: string | null
  author: {name: string; email: string; date: string}
  committer: {name: string; email: string; date: string}
  message: string
  files: Record<string, string | null>
}

export function fixtureHistory(name: FixtureName): HistoryCommit[] {
  return JSON.parse(readFileSync(join(referenceEvidence, name, 'history.json'), 'utf8'))
}

export function fixtureBlob(name: FixtureName, blob: string): Buffer {
  return readFileSync(join(referenceEvidence, name, 'blobs', blob))
}

/** Every historic version of each file path of a fixture, oldest first, with the commit that wrote it. */
export function fileVersions(
  name: FixtureName,
  predicate: (path: string) => boolean,
): {path: string; commit: HistoryCommit; content: Buffer}[] {
  const out: {path: string; commit: HistoryCommit; content: Buffer}[] = []
  for (const commit of fixtureHistory(name)) {
    for (const [path, blob] of Object.entries(commit.files)) {
      if (blob && predicate(path)) out.push({path, commit, content: fixtureBlob(name, blob)})
    }
  }
  return out
}

const replayed = new Map<string, string>()

/** Rebuilds a fixture as a real git repository with the reference's replay.sh (cached per process). */
export function replayFixture(name: FixtureName): string {
  const cached = replayed.get(name)
  if (cached && existsSync(cached)) return cached
  const target = join(mkdtempSync(join(tmpdir(), `sei-fixture-${name}-`)), 'repo')
  execFileSync('bash', [join(referenceEvidence, 'replay.sh'), join(referenceEvidence, name), target], {stdio: 'ignore'})
  replayed.set(name, target)
  return target
}
