import core from '../cli/cores/verify.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
