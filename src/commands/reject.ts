import {reject} from '../cli/cores/governance.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(reject)
