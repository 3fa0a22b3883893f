import core from '../cli/cores/conformance.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
