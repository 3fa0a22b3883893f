import {gitAsync} from '../git/index.js'

export type LoggedCommit = {
  sha: string
  parents: string[]
  /** The commit's tree: an act is a commit whose tree is its parent's (an empty commit). */
  tree: string
  date: string
  /** The author date in epoch milliseconds (git's %at: the instant of `date`, compared without parsing). */
  time: number
  author: string
  /** Who made the commit object (%cn <%ce>): shown next to an act's --by value. */
  committer: string
  subject: string
  body: string
  /**
   * The watched paths this commit changed (only those: see readChanges),
   * each with its new blob id (all zeros when deleted).
   */
  files: {path: string; blob: string}[]
}

// Two git processes in all, run side by side, whatever the history's length: one log of the messages,
// one path-limited log of the changes (diffing every commit for every file would cost more than the rest).

/** Which of `watched` each commit changed, by commit: the new blob of each (--raw names it). */
export async function readChanges(root: string, watched: string[]): Promise<Map<string, LoggedCommit['files']>> {
  const changes = await gitAsync(root, [
    'log',
    '-z',
    '--no-renames',
    '--raw',
    '--no-abbrev',
    '--format=%x1e%H',
    'HEAD',
    '--',
    ...watched,
  ])
  const touched = new Map<string, LoggedCommit['files']>()
  for (const record of changes.split('\x1e')) {
    // <sha> NUL, then per file ":<old mode> <new mode> <old blob> <new blob> <status>" NUL <path> NUL
    const [sha, ...rest] = record
      .split('\0')
      .map((t) => t.replace(/^\n/, ''))
      .filter((t) => t !== '')
    if (!sha) continue
    const files: LoggedCommit['files'] = []
    for (let i = 0; i + 1 < rest.length; i += 2) files.push({path: rest[i + 1], blob: rest[i].split(' ')[3]})
    touched.set(sha, files)
  }
  return touched
}

/**
 * Every commit reachable from HEAD, oldest first (parents before children), with no `files` yet (see
 * withChanges). Parsed by position, not by splitting: the log of a long history is megabytes.
 */
export async function readMessages(root: string): Promise<LoggedCommit[]> {
  const text = await gitAsync(root, [
    'log',
    '--reverse',
    '--topo-order',
    '-z',
    '--format=%x1e%H%x1f%P%x1f%T%x1f%aI%x1f%at%x1f%an <%ae>%x1f%cn <%ce>%x1f%B',
    'HEAD',
  ])
  const commits: LoggedCommit[] = []
  let start = text.indexOf('\x1e')
  while (start !== -1) {
    const next = text.indexOf('\x1e', start + 1)
    // each record is "<sha>␟<parents>␟<tree>␟<date>␟<time>␟<author>␟<committer>␟<message>" and -z ends it with one NUL
    let end = next === -1 ? text.length : next
    if (text.charCodeAt(end - 1) === 0) end--
    const f: number[] = []
    for (let at = start; f.length < 7; ) {
      at = text.indexOf('\x1f', at + 1)
      if (at === -1 || at > end) break
      f.push(at)
    }
    if (f.length === 7) {
      const parents = text.slice(f[0] + 1, f[1])
      const body = text.slice(f[6] + 1, end)
      const nl = body.indexOf('\n')
      commits.push({
        sha: text.slice(start + 1, f[0]),
        parents: parents ? parents.split(' ') : [],
        tree: text.slice(f[1] + 1, f[2]),
        date: text.slice(f[2] + 1, f[3]),
        time: Number(text.slice(f[3] + 1, f[4])) * 1000,
        author: text.slice(f[4] + 1, f[5]),
        committer: text.slice(f[5] + 1, f[6]),
        subject: nl === -1 ? body : body.slice(0, nl),
        body,
        files: [],
      })
    }
    start = next
  }
  return commits
}

/** Fills in the watched paths each commit changed (in place: the commits of a long history are many). */
export function withChanges(commits: LoggedCommit[], changes: Map<string, LoggedCommit['files']>): LoggedCommit[] {
  for (const c of commits) c.files = changes.get(c.sha) ?? []
  return commits
}
