import core from '../cli/cores/impact.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
