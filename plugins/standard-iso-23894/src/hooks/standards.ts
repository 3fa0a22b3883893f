import type {StandardsHook} from '@sei/sdk'

// Placeholder until this plugin is built: it provides nothing yet.
const hook: StandardsHook = async () => []
export default hook
