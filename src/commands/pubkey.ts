import core from '../cli/cores/pubkey.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(core)
