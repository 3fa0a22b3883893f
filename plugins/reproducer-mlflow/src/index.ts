export {mlflowReproducer, defaultTrackingDir, defaultTrackingUri} from './hooks/reproducers.js'
