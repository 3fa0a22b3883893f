import core from '../cli/cores/soa.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
