import {execFileSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {binRun, projectRoot} from '../../helpers/cli.js'

/**
 * A third-party standard plugin as its author would write it: plain ESM JavaScript (no build), an
 * oclif hook for `sei:standards` and the "sei" block. Dependency-free: the catalog is plain data, so
 * it needs no @sei/sdk at run time (the types are only for authors who use TypeScript).
 */
export function makeStandardPlugin(options: {
  name: string
  ids: string[]
  answers?: string[]
  sei?: unknown
  version?: string
}): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'sei-plugin-')), options.name)
  mkdirSync(join(dir, 'hooks'), {recursive: true})
  const pkg = {
    name: options.name,
    version: options.version ?? '1.0.0',
    description: 'A standard catalog plugin for sei, built by a test.',
    type: 'module',
    license: 'Apache-2.0',
    files: ['hooks'],
    keywords: ['oclif-plugin', 'sei-plugin'],
    oclif: {hooks: {'sei:standards': './hooks/standards.js'}},
    sei: options.sei === undefined ? {kind: 'standard', provides: options.ids, api: 1} : options.sei,
  }
  if (options.sei === null) delete (pkg as {sei?: unknown}).sei
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`)
  const catalogs = (options.answers ?? options.ids).map((id) => ({
    id,
    title: `Test standard ${id}`,
    authority: 'de_facto',
    clauses: [{clause_id: '1', cycle_phase: 'identification', title: 'Risks are identified'}],
  }))
  writeFileSync(
    join(dir, 'hooks', 'standards.js'),
    `// sei:standards hook: the catalogs this plugin provides.\n` +
      `const catalogs = ${JSON.stringify(catalogs, null, 2)}\nexport default async function standards() {\n` +
      `  return catalogs\n}\n`,
  )
  return dir
}

/** `npm pack` of a plugin directory; returns the absolute path of the .tgz. */
export function packPlugin(dir: string): string {
  const out = mkdtempSync(join(tmpdir(), 'sei-plugin-tgz-'))
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
    cwd: dir,
    encoding: 'utf8',
    env: {...process.env, npm_config_update_notifier: 'false'},
  })
    .trim()
    .split('\n')
    .at(-1) as string
  return join(out, name)
}

/** What the engine discovers with the plugins of `env` (a JSON line from engine-probe.js). */
export function probe(env: Record<string, string | undefined>): {
  status: number
  result: {
    standards?: string[]
    titles?: Record<string, string>
    plugins?: {plugin: string; type: string; kind: string; provides: string[]}[]
    error?: {code: string; message: string}
  }
} {
  try {
    const stdout = execFileSync(
      process.execPath,
      [join(projectRoot, 'lib', 'test', 'engine', 'plugins', 'engine-probe.js')],
      {env: env as NodeJS.ProcessEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']},
    )
    return {status: 0, result: JSON.parse(stdout)}
  } catch (error) {
    const e = error as {status: number; stdout: string; stderr: string}
    if (!e.stdout) throw new Error(`engine-probe crashed: ${e.stderr}`)
    return {status: e.status, result: JSON.parse(e.stdout)}
  }
}

export {binRun}
