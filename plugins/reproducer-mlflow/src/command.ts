import {compareText, repoRelative} from '@sei/sdk'

/**
 * The `mlflow run` argument vector for the manifest's `pipeline:` options (validated by optionsSchema):
 * entry point, environment manager (default local: the project's .venv), experiment, the execution
 * backend and its config (a `.json` file inside the repository, or an inline mapping passed as JSON, as
 * `mlflow run --backend-config` accepts both), then the parameters sorted by name.
 */
export function mlflowCommand(pipeline: Record<string, unknown>, root: string): string[] {
  const p = pipeline
  const envManager = typeof p.env_manager === 'string' ? p.env_manager : 'local'
  const command = ['mlflow', 'run', '.', '-e', String(p.entry_point ?? 'main'), '--env-manager', envManager]
  if (typeof p.experiment_name === 'string') command.push('--experiment-name', p.experiment_name)
  if (typeof p.backend === 'string') command.push('--backend', p.backend)
  if (typeof p.backend_config === 'string') {
    const rel = repoRelative(root, p.backend_config)
    if (rel === undefined) {
      throw new Error(`pipeline.backend_config: ${p.backend_config} is missing or outside the repository`)
    }
    command.push('--backend-config', rel)
  } else if (p.backend_config && typeof p.backend_config === 'object') {
    command.push('--backend-config', JSON.stringify(p.backend_config))
  }
  const params = (p.parameters ?? {}) as Record<string, string | number | boolean>
  for (const [k, v] of Object.entries(params).sort(([a], [b]) => compareText(a, b))) command.push('-P', `${k}=${v}`)
  return command
}
