import type {SignersHook} from '@sei/sdk'

// Placeholder until this plugin is built: it provides nothing yet.
const hook: SignersHook = async () => []
export default hook
