import core from '../cli/cores/init.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
