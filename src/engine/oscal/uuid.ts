import {URL_NAMESPACE, uuidV5} from '../canonical/index.js'

/**
 * sei's own namespace for plan UUIDs. The reference engine's namespace is unknown (FORMATS §7), so
 * ours cannot match its UUIDs; it only has to be fixed, so that the same inputs give the same plan.
 */
export const SEI_OSCAL_NAMESPACE = uuidV5(URL_NAMESPACE, 'https://seigarrena.dev/sei/oscal')

/** The namespace of sei's OSCAL props (`ns`): their names are sei's, not NIST's. */
export const SEI_PROP_NS = 'https://seigarrena.dev/ns/oscal'
