import core from '../cli/cores/assess.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
