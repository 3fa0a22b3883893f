import {review} from '../cli/cores/governance.js'
import {oclifCommand} from '../cli/oclif-command.js'

export default oclifCommand(review)
