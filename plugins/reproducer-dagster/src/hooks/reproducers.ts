import type {ReproducersHook} from '@sei/sdk'

// Placeholder until this plugin is built: it provides nothing yet.
const hook: ReproducersHook = async () => []
export default hook
