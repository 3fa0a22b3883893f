import {checkConfigPaths, configPatterns} from './config-files.js'

/**
 * The dagster argument vector for the manifest's `pipeline:` options (validated by optionsSchema): a
 * job (`dagster job execute -j`) or an asset selection (`dagster asset materialize --select`), each
 * run config file or pattern as `-c` in the manifest's order (dagster merges them, first wins).
 */
export function dagsterCommand(pipeline: Record<string, unknown>, root: string): string[] {
  const p = pipeline
  const defs = String(p.definitions)
  checkConfigPaths(root, p)
  const command =
    typeof p.job === 'string'
      ? ['dagster', 'job', 'execute', '-f', defs, '-j', p.job]
      : ['dagster', 'asset', 'materialize', '-f', defs, '--select', typeof p.select === 'string' ? p.select : '*']
  for (const c of configPatterns(p)) command.push('-c', c)
  return command
}
