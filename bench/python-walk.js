// The static Python import walker (issue 14: it runs on every `sei status` for eval.script and the
// MLflow/Dagster graphs): its in-process cost on generated projects of 50 and 500 local modules, and the
// whole process against `node -e 0` and against Python's own modulefinder on the same files (its path
// restricted to the project, so neither reads the stdlib).
// Run: npm run build && node bench/python-walk.js   (SEI_BENCH_RUNS=7)
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {fmt, measureInterleaved, projectRoot, report} from './lib.js'

const RUNS = Number(process.env.SEI_BENCH_RUNS ?? 7)
const python = join(projectRoot, '.venv', 'bin', 'python')
const work = mkdtempSync(join(tmpdir(), 'sei-bench-walk-'))

/** A src-layout project: train.py imports n/10 packages of 10 modules, each module two siblings and the stdlib. */
function project(n) {
  const root = join(work, `p${n}`)
  const pkgs = Math.max(1, Math.round(n / 10))
  const lines = ['import os, json', 'from typing import Any']
  for (let p = 0; p < pkgs; p++) {
    mkdirSync(join(root, 'src', `pkg${p}`), {recursive: true})
    writeFileSync(join(root, 'src', `pkg${p}`, '__init__.py'), `from . import m0\n__all__ = ["m0"]\n`)
    for (let m = 0; m < 10; m++) {
      const body = [
        `"""Module ${m} of pkg${p}: import inside a docstring does not count."""`,
        'import re, math',
        `from .m${(m + 1) % 10} import *`,
        `from pkg${(p + 1) % pkgs} import m${m}`,
        ...Array.from(
          {length: 40},
          (_, i) => `def f${i}(x):\n    return f"{x!r:>{${i}}}" + 'import nothing'  # comment`,
        ),
        '',
      ]
      writeFileSync(join(root, 'src', `pkg${p}`, `m${m}.py`), body.join('\n'))
    }
    lines.push(`import pkg${p}.m0`)
  }
  writeFileSync(join(root, 'src', 'train.py'), `${lines.join('\n')}\n`)
  return root
}

const walker = join(work, 'walk.mjs')
writeFileSync(
  walker,
  `import {walkPythonImports} from ${JSON.stringify(join(projectRoot, 'plugins', 'sdk', 'lib', 'index.js'))}
const t0 = process.hrtime.bigint()
const w = walkPythonImports(process.argv[2], 'src/train.py')
const ms = Number(process.hrtime.bigint() - t0) / 1e6
if (w.modules.length < 2) process.exit(1)
if (process.argv[3]) console.log(JSON.stringify({ms, modules: w.modules.length}))
`,
)
const finder = `import modulefinder, os, sys
sys.setrecursionlimit(100000)  # modulefinder recurses along import chains
root = sys.argv[1]
mf = modulefinder.ModuleFinder(path=[os.path.join(root, 'src'), root])
mf.run_script(os.path.join(root, 'src', 'train.py'))
`
const rows = []
for (const n of [50, 500]) {
  const root = project(n)
  const {spawnSync} = await import('node:child_process')
  const inproc = []
  let modules = 0
  for (let i = 0; i < RUNS; i++) {
    const r = JSON.parse(spawnSync(process.execPath, [walker, root, 'report'], {encoding: 'utf8'}).stdout)
    inproc.push(r.ms)
    modules = r.modules
  }
  inproc.sort((a, b) => a - b)
  const [walk, bare, mf] = measureInterleaved(
    [
      {argv: [process.execPath, walker, root]},
      {argv: [process.execPath, '-e', '0']},
      {argv: [python, '-c', finder, root]},
    ],
    {runs: RUNS},
  )
  rows.push([
    `${modules}`,
    `${inproc[inproc.length >> 1].toFixed(1)} ms`,
    fmt(walk),
    (walk.median / bare.median).toFixed(2),
    fmt(mf),
    (mf.median / walk.median).toFixed(1),
  ])
}
report(
  'python-walk',
  'Static Python import walk (src/train.py of a generated src-layout project)',
  [
    'local modules reached',
    'walk in-process (median)',
    'node + walk',
    'node + walk / node -e 0',
    'python modulefinder',
    'modulefinder / sei',
  ],
  rows,
  [
    'Each module: 40 functions with f-strings, comments and import-like text in strings; `from .x import *` and ' +
      'a cross-package import.',
    `Load average when the runs ended: ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs (a shared machine: ` +
      `compare the ratios, not the milliseconds).`,
    'modulefinder compiles every file to bytecode; the walker tokenizes only. Both resolve the same local ' +
      'modules (test/engine/python/walker.test.ts checks that they agree).',
  ],
)
