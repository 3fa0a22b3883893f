import core from '../cli/cores/status.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
