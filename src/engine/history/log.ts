import {gitAsync} from './git.js'

export type LoggedCommit = {
  sha: string
  parents: string[]
  date: string
  /** The author date in epoch milliseconds (git's %at: the instant of `date`, compared without parsing). */
  time: number
  author: string
  subject: string
  body: string
  /** The watched paths this commit changed (only those: see readLog), each with its new blob id (all zeros when deleted). */
  files: {path: string; blob: string}[]
}

/**
 * Every commit reachable from HEAD, oldest first, with which of `watched` paths it changed. Two git
 * processes in all, run side by side, whatever the history's length: one log of the messages, one
 * path-limited log of the changes (diffing every commit for every file would cost more than the rest).
 */
export async function readLog(root: string, watched: string[]): Promise<LoggedCommit[]> {
  const [messages, changes] = await Promise.all([
    gitAsync(root, ['log', '--reverse', '--topo-order', '-z', '--format=%x1e%H%x1f%P%x1f%aI%x1f%at%x1f%an <%ae>%x1f%B', 'HEAD']),
    // --raw names each new blob, so the blobs are then read by id (no tree walk per revision)
    gitAsync(root, ['log', '-z', '--no-renames', '--raw', '--no-abbrev', '--format=%x1e%H', 'HEAD', '--', ...watched]),
  ])
  const touched = new Map<string, LoggedCommit['files']>()
  for (const record of changes.split('\x1e')) {
    // <sha> NUL, then per file ":<old mode> <new mode> <old blob> <new blob> <status>" NUL <path> NUL
    const [sha, ...rest] = record.split('\0').map((t) => t.replace(/^\n/, '')).filter((t) => t !== '')
    if (!sha) continue
    const files: LoggedCommit['files'] = []
    for (let i = 0; i + 1 < rest.length; i += 2) files.push({path: rest[i + 1], blob: rest[i].split(' ')[3]})
    touched.set(sha, files)
  }
  const commits: LoggedCommit[] = []
  for (const record of messages.split('\x1e')) {
    if (record.replaceAll('\0', '').trim() === '') continue
    const [sha, parents, date, at, author, body] = record.replace(/\0$/, '').split('\x1f')
    commits.push({sha, parents: parents ? parents.split(' ') : [], date, time: Number(at) * 1000, author, subject: body.split('\n')[0], body, files: touched.get(sha) ?? []})
  }
  return commits
}
