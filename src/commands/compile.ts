import core from '../cli/cores/compile.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
