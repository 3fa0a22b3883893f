// Test-only: loads oclif's Config from the project root exactly as `sei` does (same SEI_DATA_DIR,
// so user-installed and linked plugins count) and prints what the engine discovers, as JSON.
// Usage: node lib/test/engine/plugins/engine-probe.js
import {Config} from '@oclif/core'
import {listStandards, seiPlugins} from '../../../src/engine/plugins/index.js'
import {projectRoot} from '../../helpers/cli.js'

const config = await Config.load(projectRoot)
try {
  const standards = await listStandards(config)
  const plugins = seiPlugins(config).map((p) => ({
    plugin: p.plugin,
    type: p.type,
    kind: p.block.kind,
    provides: p.block.provides,
  }))
  const titles = Object.fromEntries([...standards].map(([id, c]) => [id, c.title]))
  process.stdout.write(`${JSON.stringify({standards: [...standards.keys()].sort(), titles, plugins})}\n`)
} catch (error) {
  const e = error as {code?: string; message: string}
  process.stdout.write(`${JSON.stringify({error: {code: e.code, message: e.message}})}\n`)
  process.exitCode = 1
}
