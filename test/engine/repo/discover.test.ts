import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {chownSync, realpathSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {SeiError} from '../../../src/engine/errors.js'
import {findRepoRoot, gitDirOf} from '../../../src/engine/repo/index.js'
import {discoverRepo} from '../../../src/engine/repo/discover.js'
import {git, gitRepo, testDir} from '../../helpers/git-repo.js'

/** git's own answer in `dir`, under `env`: [top-level, absolute git dir], or undefined when git refuses. */
function gitSays(dir: string, env: Record<string, string> = {}): {root: string; gitDir: string} | undefined {
  try {
    const out = execFileSync('git', ['rev-parse', '--show-toplevel', '--absolute-git-dir'], {
      cwd: dir,
      encoding: 'utf8',
      env: {...process.env, ...env},
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const [root, gitDir] = out.trim().split('\n')
    return root && gitDir ? {root, gitDir} : undefined
  } catch {
    return undefined
  }
}

/** Runs `fn` with `env` set in this process (findRepoRoot reads process.env), then restores it. */
function withEnv<T>(env: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]))
  Object.assign(process.env, env)
  try {
    return fn()
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}

type Case = {
  name: string
  /** The directory sei is asked about, and environment set while asking. */
  setup(): {dir: string; env?: Record<string, string>}
  /** true: the file system answers (no git); false: it declines and git answers. */
  fromFiles: boolean
}

const committed = () => gitRepo({'a.txt': 'a\n', 'sub/dir/b.txt': 'b\n'})

const cases: Case[] = [
  {name: 'a plain repository, at its root', fromFiles: true, setup: () => ({dir: committed()})},
  {name: 'a subdirectory', fromFiles: true, setup: () => ({dir: join(committed(), 'sub', 'dir')})},
  {
    name: 'a path through a symlink (the real top-level is answered)',
    fromFiles: true,
    setup() {
      const link = join(testDir(), 'link')
      symlinkSync(join(committed(), 'sub'), link)
      return {dir: join(link, 'dir')}
    },
  },
  {
    name: 'a linked worktree (`.git` file, commondir)',
    fromFiles: true,
    setup() {
      const main = committed()
      const wt = join(testDir(), 'wt')
      git(main, ['worktree', 'add', '-q', wt])
      return {dir: join(wt, 'sub')}
    },
  },
  {
    name: 'a submodule (`.git` file to .git/modules, core.worktree back to it)',
    fromFiles: true,
    setup() {
      const inner = committed()
      const outer = gitRepo({'top.txt': 't\n'})
      git(outer, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', inner, 'mod'])
      return {dir: join(outer, 'mod', 'sub')}
    },
  },
  {
    name: 'a separate git dir (`git init --separate-git-dir`)',
    fromFiles: true,
    setup() {
      const dir = testDir({'a.txt': 'a\n'})
      git(dir, ['init', '-q', '--separate-git-dir', join(testDir(), 'store.git')])
      return {dir}
    },
  },
  {name: 'not a repository (git says so)', fromFiles: false, setup: () => ({dir: testDir({'x.txt': 'x'})})},
  {
    name: 'GIT_DIR set (git answers, with it)',
    fromFiles: false,
    setup() {
      const other = committed()
      return {dir: join(committed(), 'sub'), env: {GIT_DIR: join(other, '.git')}}
    },
  },
  {
    name: 'GIT_CEILING_DIRECTORIES set',
    fromFiles: false,
    setup() {
      const repo = committed()
      return {dir: join(repo, 'sub'), env: {GIT_CEILING_DIRECTORIES: realpathSync(repo)}}
    },
  },
  {name: 'inside the .git directory', fromFiles: false, setup: () => ({dir: join(committed(), '.git', 'refs')})},
  {
    name: 'a bare repository',
    fromFiles: false,
    setup() {
      const bare = join(testDir(), 'r.git')
      git(testDir(), ['init', '-q', '--bare', bare])
      return {dir: bare}
    },
  },
  {
    name: 'core.bare = true in a .git directory',
    fromFiles: false,
    setup() {
      const repo = committed()
      git(repo, ['config', 'core.bare', 'true'])
      return {dir: join(repo, 'sub')}
    },
  },
  {
    name: 'a quoted core setting that discovery does not read (core.editor)',
    fromFiles: true,
    setup() {
      const repo = committed()
      git(repo, ['config', 'core.editor', '"my editor" --wait # not a comment'])
      return {dir: repo}
    },
  },
  {
    name: 'core.worktree pointing elsewhere',
    fromFiles: false,
    setup() {
      const repo = committed()
      git(repo, ['config', 'core.worktree', '../sub'])
      return {dir: join(repo, 'sub', 'dir')}
    },
  },
  {
    name: 'a linked worktree of a bare repository',
    fromFiles: true,
    setup() {
      const bare = join(testDir(), 'r.git')
      execFileSync('git', ['clone', '-q', '--bare', committed(), bare])
      const wt = join(testDir(), 'wt')
      git(bare, ['worktree', 'add', '-q', wt, 'main'])
      return {dir: wt}
    },
  },
  {
    name: 'a `.git` file that does not parse',
    fromFiles: false,
    setup() {
      const dir = testDir({'.git': 'not a gitdir line\n'})
      return {dir}
    },
  },
  {
    name: 'a `.git` file naming no git directory',
    fromFiles: false,
    setup: () => ({dir: testDir({'.git': `gitdir: ${join(testDir(), 'nowhere')}\n`})}),
  },
  {
    name: 'an include in the config (only git reads it)',
    fromFiles: false,
    setup() {
      const repo = committed()
      const extra = join(testDir(), 'extra.cfg')
      writeFileSync(extra, '[core]\n\tbare = true\n')
      git(repo, ['config', 'include.path', extra])
      return {dir: repo}
    },
  },
  {
    name: 'a `.git` owned by another user (safe.directory: git refuses)',
    fromFiles: false,
    setup() {
      const repo = committed()
      chownSync(join(repo, '.git'), 12345, 12345)
      return {dir: repo}
    },
  },
]

const isRoot = process.getuid?.() === 0

describe('repository discovery from the file system, against git rev-parse', () => {
  for (const c of cases) {
    const skip = c.name.includes('owned by another user') && !isRoot && 'chown needs root'
    it(c.name, {skip}, () => {
      const {dir, env = {}} = c.setup()
      const expected = gitSays(dir, env)
      const found = withEnv(env, () => discoverRepo(dir))
      if (c.fromFiles) {
        assert.ok(expected, 'git finds this repository')
        assert.deepEqual(found, expected)
      } else {
        assert.equal(found, undefined, 'the file system declines: git answers')
      }
      const root = withEnv(env, () => findRepoRoot(dir))
      assert.equal(root, expected?.root)
      if (root) assert.equal(gitDirOf(root), expected?.gitDir)
    })
  }

  it('git not on PATH: the file system declines, so a repository still reads as TOOL_MISSING', () => {
    const repo = committed()
    const empty = testDir()
    withEnv({PATH: empty}, () => {
      assert.equal(discoverRepo(repo), undefined)
      assert.throws(
        () => findRepoRoot(repo),
        (e: SeiError) => e instanceof SeiError && e.code === 'TOOL_MISSING',
      )
    })
  })
})
