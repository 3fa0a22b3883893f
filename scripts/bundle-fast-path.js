// Bundles the start-up fast path (lib/src/fast-path.js, the engine modules it reaches, @sei/sdk and the
// reproducer and standards hooks of the bundled plugins) into one CommonJS file, lib/fast/fast-path.cjs, which
// bin/run.js loads first (through bin/load-fast-path.js: CommonJS, so that V8 can cache the code a run
// compiled, not only the top level: ADR 0012). `sei status` is the CI gate: each separate ES module costs about half a
// millisecond to resolve, read and link even from V8's compile cache, and status used to load about 50
// (≈ 25 ms, a third of its start-up; bench/startup.js and bench/freshness.js measure it). The modules a
// command reaches through a dynamic import stay lazy inside the file: their top level runs when imported.
// Packages other than sei's own stay external, and only ever imported lazily: the build fails if one
// is imported at the top of the bundle (it would load on every start). Run by `npm run build` after tsc.
import {readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'
import {build} from 'esbuild'

const root = join(import.meta.dirname, '..')
const outdir = join(root, 'lib', 'fast')
const pjson = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))

// The hook events the fast path's commands fire (status, verify, reconstruct). Other hooks (signers) load
// vendor SDKs; they are imported from their plugin's directory if ever fired here.
const FAST_EVENTS = new Set(['sei:reproducers', 'sei:standards'])

/** src/engine/plugins/bundled-hooks.ts, filled: `<plugin>:<hook path>` → an import compiled into the bundle. */
function bundledHooksModule() {
  const rows = []
  for (const name of pjson(root).oclif?.plugins ?? []) {
    if (!name.startsWith('@sei/')) continue
    const dir = join(root, 'node_modules', name)
    for (const [event, path] of Object.entries(pjson(dir).oclif?.hooks ?? {})) {
      if (!FAST_EVENTS.has(event) || typeof path !== 'string') continue
      rows.push(`  ${JSON.stringify(`${name}:${path}`)}: () => import(${JSON.stringify(join(dir, path))}),`)
    }
  }
  return `export const BUNDLED_HOOKS = {\n${rows.join('\n')}\n}\n`
}

const seiPackages = {
  name: 'sei-packages',
  setup(b) {
    // sei's own packages (@sei/sdk, the plugins) are compiled in; every other package stays external.
    b.onResolve({filter: /^[^./]/}, (args) =>
      args.path.startsWith('@sei/') || args.path.startsWith('node:') ? undefined : {path: args.path, external: true},
    )
    b.onLoad({filter: /[\\/]lib[\\/]src[\\/]engine[\\/]plugins[\\/]bundled-hooks\.js$/}, () => ({
      contents: bundledHooksModule(),
      loader: 'js',
      resolveDir: root,
    }))
  },
}

rmSync(outdir, {recursive: true, force: true}) // no stale file of an earlier layout may stay
const result = await build({
  entryPoints: [join(root, 'lib', 'src', 'fast-path.js')],
  outfile: join(outdir, 'fast-path.cjs'),
  bundle: true,
  // dynamic imports are compiled in, as lazily initialised modules of the same file
  format: 'cjs',
  platform: 'node',
  target: 'node22',
  // No import() left in the file: V8 code caches need vm.Script, whose import() needs an experimental option.
  // A dynamic import becomes require(): yaml is CommonJS, and Node ≥ 22.12 requires ES modules too.
  supported: {'dynamic-import': false},
  // The engine's ES modules locate files beside themselves: in the bundle, beside the bundle.
  define: {'import.meta.dirname': '__dirname', 'import.meta.url': '__seiBundleUrl'},
  banner: {js: "var __seiBundleUrl = require('node:url').pathToFileURL(__filename).href;"},
  plugins: [seiPackages],
  metafile: true,
  logLevel: 'warning',
})

// Judged on the sources: a static import of an external package there would run with its module's init.
const eager = Object.values(result.metafile.inputs)
  .flatMap((input) => input.imports)
  .filter((i) => i.external && i.kind !== 'dynamic-import' && !i.path.startsWith('node:') && i.path !== '<runtime>')
if (eager.length > 0) {
  console.error(
    `bundle-fast-path: ${eager.map((i) => i.path).join(', ')} would load on every start of sei: ` +
      'import it inside the function that needs it (await import).',
  )
  process.exit(1)
}
