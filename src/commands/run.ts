import core from '../cli/cores/run.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
