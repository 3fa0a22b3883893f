import {describe, it} from 'node:test'
import {hasPythonEnv} from '../helpers/python.js'
import {redToGreen} from './run-gates.js'

describe('sei run + sei status with dvc', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('red gate → treatment commit → green gate → status 0; eval edit = Drift B, purpose edit = Drift A, dataset edit = data drift', () => {
    redToGreen('dvc')
  })
})
