import assert from 'node:assert/strict'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {defaultTrackingDir} from '@sei/reproducer-mlflow'
import {reproducerContract} from '../reproducer-contract.js'

reproducerContract('mlflow', {
  after(root, env) {
    // MLflow tracks in sei's cache dir, never inside the governed repository.
    assert.equal(existsSync(join(root, 'mlruns')), false)
    const store = defaultTrackingDir(root, env)
    assert.ok(existsSync(join(store, 'artifacts')), "the logged artifact goes to sei's cache")
    assert.ok(
      existsSync(join(store, 'mlflow.db')),
      `no MLflow store in ${store}: ${existsSync(store) ? readdirSync(store) : 'missing'}`,
    )
  },
})
