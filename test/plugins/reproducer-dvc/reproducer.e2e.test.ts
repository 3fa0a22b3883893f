import {reproducerContract} from '../reproducer-contract.js'

reproducerContract('dvc', {lockFile: 'dvc.lock'})
