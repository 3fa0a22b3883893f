import type {StandardsHook} from '@sei/sdk'
import {catalog} from '../catalog.js'

/** Answers `sei:standards` with ISO/IEC 42001:2023 Annex A (the control set `sei soa` projects). */
const hook: StandardsHook = async () => [catalog]
export default hook
