export {dagsterReproducer} from './hooks/reproducers.js'
