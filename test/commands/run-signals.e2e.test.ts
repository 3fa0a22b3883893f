import assert from 'node:assert/strict'
import {spawn} from 'node:child_process'
import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {binRun, sei} from '../helpers/cli.js'
import {git} from '../helpers/git-repo.js'
import {hasPythonEnv} from '../helpers/python.js'
import {screeningRepo} from '../pipelines/repo.js'
import {explain, toolEnv} from './run-gates.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Pids of live (not zombie) processes whose process group is `pgid`, read from /proc. */
function groupMembers(pgid: number): number[] {
  const out: number[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const fields = /^\d+ \(.*\) (\S) (\d+) (\d+)/s.exec(readFileSync(`/proc/${name}/stat`, 'utf8'))
      if (fields && fields[1] !== 'Z' && Number(fields[3]) === pgid) out.push(Number(name))
    } catch {
      // exited meanwhile
    }
  }
  return out
}

// A stage that trains "forever" (a child Python process of dvc's that writes its pid and process
// group, then sleeps): sei is signalled while it runs, as Ctrl-C or a CI job's cancel would.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  describe(`${signal} to sei run`, {skip: !hasPythonEnv && 'no project Python env'}, () => {
    it('stops the whole pipeline process group (nothing outlives sei); the previous evidence stays', async () => {
      const dir = screeningRepo('dvc')
      const env = toolEnv()
      const r = sei(['run'], {cwd: dir, env})
      assert.equal(r.status, 1, explain(r))
      const before = {
        bundle: readFileSync(join(dir, '.sei/bundle.json')),
        sig: readFileSync(join(dir, '.sei/bundle.json.sig')),
        lock: readFileSync(join(dir, 'sei.lock')),
      }
      writeFileSync(
        join(dir, 'src/train.py'),
        [
          'import os, subprocess, sys, time',
          '# a grandchild too: the training script starts a worker, as data loaders do',
          'worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])',
          'open("pids.tmp", "w").write(f"{os.getpid()} {os.getpgid(0)} {worker.pid}")',
          'os.rename("pids.tmp", "pids")',
          'time.sleep(600)',
          '',
        ].join('\n'),
      )
      const dvcYaml = readFileSync(join(dir, 'dvc.yaml'), 'utf8').replace(
        'cmd: python src/evaluate.py',
        'cmd: python src/train.py && python src/evaluate.py',
      )
      writeFileSync(
        join(dir, 'dvc.yaml'),
        dvcYaml.replace('- src/evaluate.py', '- src/evaluate.py\n      - src/train.py'),
      )
      git(dir, ['add', '-A'])
      git(dir, ['commit', '-qm', 'a long training stage'])
      const child = spawn(process.execPath, [binRun, 'run'], {
        cwd: dir,
        env: env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stderr = ''
      child.stderr.on('data', (d) => (stderr += d))
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)))
      for (let i = 0; i < 1500 && !existsSync(join(dir, 'pids')); i++) await sleep(40)
      assert.ok(existsSync(join(dir, 'pids')), `the training stage never started\n${stderr}`)
      const [trainPid, pgid, workerPid] = readFileSync(join(dir, 'pids'), 'utf8').split(' ').map(Number)
      assert.ok(pgid > 1 && pgid !== process.pid, `pgid ${pgid}`)
      assert.ok(
        groupMembers(pgid).includes(trainPid) && groupMembers(pgid).includes(workerPid),
        'training and worker run in the tool group',
      )
      child.kill(signal) // to sei alone, not to its group: sei must pass it on
      const code = await exited
      assert.equal(code, signal === 'SIGINT' ? 130 : 143, stderr)
      assert.match(stderr, /INTERRUPTED/)
      // sei waited for the group before it exited: nothing of the pipeline is left (poll a moment for the kernel).
      for (let i = 0; i < 50 && groupMembers(pgid).length > 0; i++) await sleep(100)
      assert.deepEqual(groupMembers(pgid), [], `processes of the pipeline outlived sei: ${groupMembers(pgid)}`)
      assert.deepEqual(readFileSync(join(dir, '.sei/bundle.json')), before.bundle)
      assert.deepEqual(readFileSync(join(dir, '.sei/bundle.json.sig')), before.sig)
      assert.deepEqual(readFileSync(join(dir, 'sei.lock')), before.lock)
      const v = sei(['verify'], {cwd: dir, env})
      assert.equal(v.status, 0, explain(v))
    })
  })
}
