// `npm run bench`: runs every bench/*.js (or those named on the command line) and gathers their
// results into bench/RESULTS.md.
import {spawnSync} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {machine, projectRoot} from './lib.js'

const dir = join(projectRoot, 'bench')
const wanted = process.argv.slice(2)
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.js') && !['run.js', 'lib.js'].includes(f))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort()
let failed = 0
for (const b of benches) {
  console.log(`\n### bench/${b}`)
  const r = spawnSync(process.execPath, [join(dir, b)], {stdio: 'inherit', cwd: projectRoot})
  if (r.status !== 0) failed++
}
const results = join(dir, 'results')
const parts = existsSync(results)
  ? readdirSync(results)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => readFileSync(join(results, f), 'utf8'))
  : []
writeFileSync(
  join(dir, 'RESULTS.md'),
  `# Benchmark results\n\n` +
    `Gathered by \`npm run bench\` on ${machine()}. Each section is written by its script in bench/.\n` +
    `\n${parts.join('\n')}`,
)
process.exit(failed ? 1 : 0)
