import {reproducerContract} from '../reproducer-contract.js'

reproducerContract('dagster')
