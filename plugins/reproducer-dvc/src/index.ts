export {dvcReproducer} from './hooks/reproducers.js'
