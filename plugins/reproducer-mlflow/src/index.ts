export {mlflowReproducer, defaultTrackingDir, defaultTrackingUri} from './hooks/reproducers.js'
export {mlflowCommand} from './command.js'
export {mlflowInputs, effectiveParameters} from './inputs.js'
export {commandScripts, shellCommands} from './command-scripts.js'
