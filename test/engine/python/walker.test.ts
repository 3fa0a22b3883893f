import assert from 'node:assert/strict'
import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {scanPythonImports, walkPythonImports} from '../../../src/engine/python/index.js'
import {testDir, type FileTree} from '../../helpers/git-repo.js'
import {hasPythonEnv, pythonBin} from '../../helpers/python.js'

const paths = (root: string, script: string, options = {}) =>
  walkPythonImports(root, script, options)
    .modules.map((m) => m.path)
    .sort()

/**
 * Python's own modulefinder (stdlib) on the same files and search path (only the repository: installed packages
 * are not local).
 */
function modulefinder(root: string, script: string, searchPath: string[]): string[] {
  const code = `
import json, modulefinder, os, sys
root, script, *path = sys.argv[1:]
real = os.path.realpath(root) + os.sep
mf = modulefinder.ModuleFinder(path=[os.path.join(root, p) for p in path])
mf.run_script(os.path.join(root, script))
files = {os.path.relpath(m.__file__, root) for m in mf.modules.values()
         if m.__file__ and os.path.realpath(m.__file__).startswith(real)}
print(json.dumps(sorted(files)))
`
  const cwd = mkdtempSync(join(tmpdir(), 'sei-mf-'))
  return JSON.parse(
    execFileSync(join(pythonBin, 'python'), ['-c', code, root, script, ...searchPath], {cwd, encoding: 'utf8'}),
  )
}

/** Python itself: runs the (harmless) script or module and lists the repository files in sys.modules. */
function python(root: string, script: string, searchPath: string[], moduleName?: string): string[] {
  const code = `
import json, os, runpy, sys
root, script, mod, *path = sys.argv[1:]
real = os.path.realpath(root) + os.sep
sys.path[:] = [os.path.join(root, p) for p in path] + sys.path[1:]
runpy.run_module(mod, run_name='__main__') if mod else runpy.run_path(os.path.join(root, script), run_name='__main__')
files = {os.path.relpath(m.__file__, root) for m in list(sys.modules.values())
         if getattr(m, '__file__', None) and os.path.realpath(m.__file__).startswith(real)}
print(json.dumps(sorted(files | {script})))
`
  const cwd = mkdtempSync(join(tmpdir(), 'sei-py-'))
  return JSON.parse(
    execFileSync(join(pythonBin, 'python'), ['-B', '-c', code, root, script, moduleName ?? '', ...searchPath], {
      cwd,
      encoding: 'utf8',
    }),
  )
}

// A src-layout project with packages, relative imports, lazy and conditional imports, and import-like
// text in strings and comments that must not count.
const project: FileTree = {
  'src/train.py': [
    '"""import fake  # in a docstring"""',
    'import os, json as j',
    'from features import build  # import commented',
    'from pkg import helper',
    'from pkg.sub import deep',
    'import pkg.sub.other as o',
    "s = f\"{ {'a': 1}['a'] } import nothing\" + 'from fake import x'",
    'if True: import lazy',
    'def f():',
    '    from pkg import missing_attr, rel2 as r',
    'x = r"\\" \\n"; import semi',
    'try:',
    '    import numpy',
    'except ImportError:',
    '    pass',
    '',
  ].join('\n'),
  'src/features.py': 'import util\nimport pandas as pd\n',
  'src/util.py': '',
  'src/fake.py': '',
  'src/unused.py': 'import util\n',
  'src/pkg/__init__.py': 'from . import rel2\n',
  'src/pkg/rel2.py': '',
  'src/pkg/helper.py': 'from .sub.deep2 import y\n',
  'src/pkg/sub/__init__.py': 'from .. import helper\n',
  'src/pkg/sub/deep.py': 'from .deep2 import x\nfrom ..rel2 import *\n',
  'src/pkg/sub/deep2.py': '',
  'src/pkg/sub/other.py': '',
  'src/pkg/sub/not_imported.py': '',
  'src/lazy.py': '',
  'src/semi.py': '',
  'README.md': 'import fake\n',
}

describe('static Python import walker', () => {
  it('finds the local modules Python would import, hand-computed, and nothing in strings or comments', () => {
    const root = testDir(project)
    const walk = walkPythonImports(root, 'src/train.py')
    assert.deepEqual(walk.problems, [])
    assert.deepEqual(walk.modules.map((m) => m.path).sort(), [
      'src/features.py',
      'src/lazy.py',
      'src/pkg/__init__.py',
      'src/pkg/helper.py',
      'src/pkg/rel2.py',
      'src/pkg/sub/__init__.py',
      'src/pkg/sub/deep.py',
      'src/pkg/sub/deep2.py',
      'src/pkg/sub/other.py',
      'src/semi.py',
      'src/train.py',
      'src/util.py',
    ])
    assert.equal(walk.modules[0].path, 'src/train.py')
    const util = walk.modules.find((m) => m.path === 'src/util.py')
    assert.deepEqual([util?.importedBy, util?.line, util?.name], ['src/features.py', 1, 'util'])
    assert.equal(walk.modules.find((m) => m.path === 'src/pkg/sub/deep2.py')?.name, 'pkg.sub.deep2')
  })

  it("agrees with Python's modulefinder on the same files", {skip: !hasPythonEnv && 'no project Python env'}, () => {
    const root = testDir(project)
    const search = ['src', '.']
    assert.deepEqual(paths(root, 'src/train.py', {searchPath: search}), modulefinder(root, 'src/train.py', search))
    // A flat layout run from the root, a package imported under its own name, a shadowed name.
    const flat = testDir({
      'train.py': 'import model.net\nfrom model import layers as L\nfrom data import loader\n',
      'model/__init__.py': 'from .net import Net\n',
      'model/net.py': 'from . import layers\nfrom model.blocks import *\n',
      'model/layers.py': 'import json\n',
      'model/blocks/__init__.py': '',
      'model/blocks/a.py': '',
      'model/blocks/b.py': 'from ...model import layers\n',
      'data/loader.py': '',
      'data/__init__.py': 'import json, csv\n',
      'json.py': 'print("shadowing the stdlib: Python imports this one from the script dir")\n',
    })
    assert.deepEqual(paths(flat, 'train.py', {searchPath: ['.']}), modulefinder(flat, 'train.py', ['.']))
    assert.ok(paths(flat, 'train.py', {searchPath: ['.']}).includes('json.py'))
  })

  it('agrees with Python itself running harmless scripts (namespace packages, __all__, -m)', {
    skip: !hasPythonEnv && 'no project Python env',
  }, () => {
    const root = testDir({
      'run.py': 'import model.net\nfrom model import layers as L\nfrom ns.part import x\nfrom model.blocks import *\n',
      'model/__init__.py': 'from .net import Net\n',
      'model/net.py': 'from . import layers\nclass Net: pass\n',
      'model/layers.py': 'import csv\n',
      'model/unused.py': '',
      'model/blocks/__init__.py': '__all__ = ["b"]\n__all__ += ("c",)\n',
      'model/blocks/a.py': '',
      'model/blocks/b.py': 'from ..layers import csv\n',
      'model/blocks/c.py': '',
      'ns/part.py': 'from . import sib\nx = 1\n',
      'ns/sib.py': '',
      'ns/other.py': '',
    })
    const expected = [
      'model/__init__.py',
      'model/blocks/__init__.py',
      'model/blocks/b.py',
      'model/blocks/c.py',
      'model/layers.py',
      'model/net.py',
      'ns/part.py',
      'ns/sib.py',
      'run.py',
    ]
    assert.deepEqual(python(root, 'run.py', ['.']), expected)
    assert.deepEqual(paths(root, 'run.py', {searchPath: ['.']}), expected)
    // python -m model.net from the root: the package first, relative imports from it.
    assert.deepEqual(python(root, 'model/net.py', ['.'], 'model.net'), [
      'model/__init__.py',
      'model/layers.py',
      'model/net.py',
    ])
    assert.deepEqual(paths(root, 'model/net.py', {searchPath: ['.'], moduleName: 'model.net'}), [
      'model/__init__.py',
      'model/layers.py',
      'model/net.py',
    ])
  })

  it('follows namespace packages (a directory without __init__.py) as Python 3 does', () => {
    const root = testDir({
      'run.py': 'from ns.part import x\nimport ns2\n',
      'ns/part.py': 'from . import sib\n',
      'ns/sib.py': '',
      'ns2/x.py': '',
    })
    assert.deepEqual(paths(root, 'run.py'), ['ns/part.py', 'ns/sib.py', 'run.py'])
  })

  it('puts the script directory first, then the repository root and src/, as PYTHONPATH=. or src layout', () => {
    const root = testDir({
      'scripts/eval.py': 'import helpers\nfrom src.features import f\nimport mypkg\n',
      'scripts/helpers.py': '',
      'helpers.py': 'raise SystemExit("shadowed by scripts/helpers.py")\n',
      'src/features.py': '',
      'src/mypkg/__init__.py': '',
    })
    assert.deepEqual(paths(root, 'scripts/eval.py'), [
      'scripts/eval.py',
      'scripts/helpers.py',
      'src/features.py',
      'src/mypkg/__init__.py',
    ])
  })

  it('runs a module as python -m does: its package first, its relative imports resolved', () => {
    const root = testDir({'pkg/__init__.py': '', 'pkg/train.py': 'from .feat import f\n', 'pkg/feat.py': ''})
    assert.deepEqual(paths(root, 'pkg/train.py', {searchPath: ['.'], moduleName: 'pkg.train'}), [
      'pkg/__init__.py',
      'pkg/feat.py',
      'pkg/train.py',
    ])
    // Run as a file, the same relative import has no parent package: Python raises, the walk reports it.
    const asFile = walkPythonImports(root, 'pkg/train.py')
    assert.deepEqual(
      asFile.modules.map((m) => m.path),
      ['pkg/train.py'],
    )
    assert.match(asFile.problems.join('\n'), /pkg\/train\.py:1: relative import in a module with no parent package/)
  })

  it('never leaves the repository: a symlinked module or package pointing out is reported, not read', () => {
    const outside = testDir({'evil.py': 'import os\n', 'evilpkg/__init__.py': ''})
    const root = testDir({'train.py': 'import evil\nimport evilpkg\nimport good\n', 'good.py': ''})
    symlinkSync(join(outside, 'evil.py'), join(root, 'evil.py'))
    symlinkSync(join(outside, 'evilpkg'), join(root, 'evilpkg'))
    const walk = walkPythonImports(root, 'train.py')
    assert.deepEqual(walk.modules.map((m) => m.path).sort(), ['good.py', 'train.py'])
    assert.match(walk.problems.join('\n'), /evil\.py: leaves the repository/)
    assert.match(walk.problems.join('\n'), /evilpkg: leaves the repository/)
    // A symlink that stays inside is followed like Python follows it.
    mkdirSync(join(root, 'lib'))
    writeFileSync(join(root, 'lib', 'real.py'), '')
    symlinkSync(join(root, 'lib', 'real.py'), join(root, 'alias.py'))
    writeFileSync(join(root, 'train.py'), 'import alias\n')
    assert.deepEqual(paths(root, 'train.py'), ['alias.py', 'train.py'])
    assert.deepEqual(walkPythonImports(root, join(outside, 'evil.py')).modules, [])
  })

  it('tolerates what it cannot parse: reports file and line, keeps the imports it read, walks on', () => {
    const root = testDir({
      'train.py': 'import a\nimport b\n',
      'a.py': 'import c\ns = """never closed\nimport d\n',
      'b.py': 'from import nothing\nimport e\n',
      'c.py': '',
      'd.py': '',
      'e.py': '',
      'bin.py': Buffer.from([0xff, 0xfe, 0x00, 0x69, 0x6d]),
    })
    const walk = walkPythonImports(root, 'train.py')
    assert.deepEqual(walk.modules.map((m) => m.path).sort(), ['a.py', 'b.py', 'c.py', 'e.py', 'train.py'])
    assert.deepEqual(walk.problems, [
      'a.py:2: unterminated string literal (the file ends inside it)',
      'b.py:1: cannot read this from statement',
    ])
    assert.deepEqual(walkPythonImports(root, 'missing.py').problems, ['missing.py: not a file inside the repository'])
  })
})

describe('import statement scanner', () => {
  it('reads every import form with its line (hand-written cases)', () => {
    const src = [
      'import a.b as c, d',
      'from . import (x,',
      '    y as z,)',
      'from ...up.mod import *',
      'from __future__ import annotations',
      'class K: import inside',
      'raise E from err',
      'print("import no"); from q import \\',
      '    r',
      't = f\'{x!r:>{w}} {"import n"}\'  # 3.12 nesting',
      'yield_ = 1; import last',
    ].join('\n')
    assert.deepEqual(scanPythonImports(src).imports, [
      {module: 'a.b', level: 0, names: [], line: 1},
      {module: 'd', level: 0, names: [], line: 1},
      {module: '', level: 1, names: ['x', 'y'], line: 2},
      {module: 'up.mod', level: 3, names: ['*'], line: 4},
      {module: '__future__', level: 0, names: ['annotations'], line: 5},
      {module: 'inside', level: 0, names: [], line: 6},
      {module: 'q', level: 0, names: ['r'], line: 8},
      {module: 'last', level: 0, names: [], line: 11},
    ])
    assert.deepEqual(scanPythonImports(src).problems, [])
  })

  it('is not fooled by keywords in continued lines, comments with quotes, # in strings, broken strings', () => {
    const src = [
      "\ufeff# it's a comment with a quote",
      'raise ValueError("x") \\',
      '    from err',
      'def g():',
      '    x = (yield',
      '         from gen())',
      '    y = "a#b"; import one',
      "bad = 'never closed",
      'import two',
      "s = ''; t = '''",
      'import not_code',
      "'''",
      'from three import (four)',
      'print(f"{d["k"]!r} import x") or rb"\\\\" + u\'\'',
      'important = 1; imports = 2; from_ = 3',
      'import five',
    ].join('\n')
    assert.deepEqual(scanPythonImports(src).imports, [
      {module: 'one', level: 0, names: [], line: 7},
      {module: 'two', level: 0, names: [], line: 9},
      {module: 'three', level: 0, names: ['four'], line: 13},
      {module: 'five', level: 0, names: [], line: 16},
    ])
    assert.deepEqual(scanPythonImports(src).problems, [{line: 8, message: 'unterminated string literal'}])
  })
})
