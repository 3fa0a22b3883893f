import {join} from 'node:path'
import type {StandardCatalog} from '@sei/sdk'
import {projectRoot} from '../../helpers/cli.js'

/** ISO/IEC 42001 Annex A as the bundled plugin answers it (through its sei:standards hook). */
export async function annexA(): Promise<StandardCatalog> {
  const hook = (await import(join(projectRoot, 'plugins', 'standard-iso-42001', 'lib', 'hooks', 'standards.js')))
    .default as (o: unknown) => Promise<StandardCatalog[]>
  const [catalog] = await hook({config: {}})
  return catalog
}
