import type {StandardsHook} from '@sei/sdk'
import {catalog} from '../catalog.js'

/** Answers `sei:standards` with this plugin's catalog (eu/pren-18282@2026). */
const hook: StandardsHook = async () => [catalog]
export default hook
