import {describe, it} from 'node:test'
import {hasPythonEnv} from '../helpers/python.js'
import {redToGreen} from './run-gates.js'

describe('sei run + sei status with mlflow', {skip: !hasPythonEnv && 'no project Python env'}, () => {
  it('red → treatment commit → green → status 0; eval edit = Drift B, purpose = Drift A, dataset = data drift', () => {
    redToGreen('mlflow')
  })
})
