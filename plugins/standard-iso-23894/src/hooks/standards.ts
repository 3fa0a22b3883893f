import type {StandardsHook} from '@sei/sdk'
import {catalog} from '../catalog.js'

/** Answers `sei:standards` with this plugin's catalog (iso/23894@2023). */
const hook: StandardsHook = async () => [catalog]
export default hook
