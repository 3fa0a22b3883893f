import type {StandardsHook} from '@sei/sdk'
import {catalog} from '../catalog.js'

/** Answers `sei:standards` with this plugin's catalog (eu/mdr@2017). */
const hook: StandardsHook = async () => [catalog]
export default hook
