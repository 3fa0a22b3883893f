import {gitAsync} from './git.js'

export type LoggedCommit = {
  sha: string
  parents: string[]
  date: string
  author: string
  subject: string
  body: string
  /** The watched paths this commit changed (only those: see readLog). */
  files: string[]
}

/**
 * Every commit reachable from HEAD, oldest first, with which of `watched` paths it changed. Two git
 * processes in all, run side by side, whatever the history's length: one log of the messages, one
 * path-limited log of the changes (diffing every commit for every file would cost more than the rest).
 */
export async function readLog(root: string, watched: string[]): Promise<LoggedCommit[]> {
  const [messages, changes] = await Promise.all([
    gitAsync(root, ['log', '--reverse', '--topo-order', '-z', '--format=%x1e%H%x1f%P%x1f%aI%x1f%an <%ae>%x1f%B', 'HEAD']),
    gitAsync(root, ['log', '-z', '--no-renames', '--name-only', '--format=%x1e%H', 'HEAD', '--', ...watched]),
  ])
  const touched = new Map<string, string[]>()
  for (const record of changes.split('\x1e')) {
    const [sha, ...files] = record.split(/[\0\n]/).filter((f) => f !== '')
    if (sha) touched.set(sha, files)
  }
  const commits: LoggedCommit[] = []
  for (const record of messages.split('\x1e')) {
    if (record.replaceAll('\0', '').trim() === '') continue
    const [sha, parents, date, author, body] = record.replace(/\0$/, '').split('\x1f')
    commits.push({sha, parents: parents ? parents.split(' ') : [], date, author, subject: body.split('\n')[0], body, files: touched.get(sha) ?? []})
  }
  return commits
}
