import {git} from './git.js'

export type LoggedCommit = {
  sha: string
  parents: string[]
  date: string
  author: string
  subject: string
  body: string
  files: string[]
}

/**
 * Every commit reachable from HEAD, oldest first, with the files it changed: ONE `git log` process
 * whatever the history's length.
 */
export function readLog(root: string): LoggedCommit[] {
  const text = git(root, ['log', '--reverse', '--topo-order', '-z', '--no-renames', '--name-only', '--format=%x1e%H%x1f%P%x1f%aI%x1f%an <%ae>%x1f%B%x1f', 'HEAD'])
  const commits: LoggedCommit[] = []
  for (const record of text.split('\x1e')) {
    if (record.trim() === '') continue
    const [sha, parents, date, author, body, rest] = record.split('\x1f')
    commits.push({
      sha,
      parents: parents ? parents.split(' ') : [],
      date,
      author,
      subject: body.split('\n')[0],
      body,
      files: (rest ?? '').split(/[\0\n]/).filter((f) => f !== ''),
    })
  }
  return commits
}
