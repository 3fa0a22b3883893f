import assert from 'node:assert/strict'
import {describe, it} from 'node:test'
import type {PipelineInput} from '@sei/sdk'
import {undeclaredImportWarnings, walkPythonImports} from '../../../src/engine/python/index.js'
import {testDir} from '../../helpers/git-repo.js'

// The two-stage pipeline: train deps src/train.py, data/clean.csv; src/train.py imports
// src/features.py, which imports src/util.py.
const files = {
  'src/prep.py': 'import pandas\n',
  'src/train.py': 'from features import build\nimport sklearn\n',
  'src/features.py': 'import util\n',
  'src/util.py': '',
}

const dep = (path: string, stage: string, kind: PipelineInput['kind'] = 'code'): PipelineInput => ({
  path,
  kind,
  declaredBy: stage,
})

describe('imports the DVC stage does not declare', () => {
  it('names each imported module missing from the deps of the stage that runs the script', () => {
    const root = testDir(files)
    const walk = walkPythonImports(root, 'src/train.py')
    const inputs: PipelineInput[] = [
      dep('src/prep.py', 'prep'),
      dep('data/raw.csv', 'prep', 'data'),
      dep('src/train.py', 'train'),
      dep('data/clean.csv', 'train', 'data'),
      {path: 'params.yaml', kind: 'params', key: 'train.C', value: 1, declaredBy: 'train'},
      {path: 'dvc.yaml', kind: 'stage', key: 'train', value: {cmd: 'python src/train.py'}, declaredBy: 'train'},
    ]
    assert.deepEqual(undeclaredImportWarnings(inputs, walk.modules), [
      'src/features.py is imported by src/train.py but is not a dep of stage train: dvc repro will not rerun it',
      'src/util.py is imported by src/features.py but is not a dep of stage train: dvc repro will not rerun it',
    ])
    // Declared, the warning goes; a directory dep covers everything under it.
    assert.deepEqual(undeclaredImportWarnings([...inputs, dep('src/features.py', 'train')], walk.modules), [
      'src/util.py is imported by src/features.py but is not a dep of stage train: dvc repro will not rerun it',
    ])
    assert.deepEqual(undeclaredImportWarnings([...inputs, dep('src/', 'train')], walk.modules), [])
    // A param or stage entry naming the file is no dependency on it.
    assert.equal(
      undeclaredImportWarnings(
        [...inputs, {path: 'src/features.py', kind: 'params', declaredBy: 'train'}],
        walk.modules,
      ).length,
      2,
    )
  })

  it('checks every stage that runs the script (foreach/matrix instances) and none that does not', () => {
    const root = testDir(files)
    const walk = walkPythonImports(root, 'src/train.py')
    const inputs = [
      dep('src/train.py', 'train@a'),
      dep('src/train.py', 'train@b'),
      dep('src/features.py', 'train@b'),
      dep('src/util.py', 'train@b'),
      dep('src/prep.py', 'prep'),
    ]
    assert.deepEqual(undeclaredImportWarnings(inputs, walk.modules), [
      'src/features.py is imported by src/train.py but is not a dep of stage train@a: dvc repro will not rerun it',
      'src/util.py is imported by src/features.py but is not a dep of stage train@a: dvc repro will not rerun it',
    ])
    assert.deepEqual(undeclaredImportWarnings([dep('src/prep.py', 'prep')], walk.modules), [])
    assert.deepEqual(undeclaredImportWarnings(inputs, []), [])
  })
})
