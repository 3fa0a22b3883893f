import core from '../cli/cores/reconstruct.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
