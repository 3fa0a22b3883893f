import type {PipelineInput, PythonModule} from '@sei/sdk'

/** Whether `dep` (a stage's dependency path: a file, or a directory covering everything under it) covers `path`. */
function covers(dep: string, path: string): boolean {
  const d = dep.replace(/\/+$/, '')
  return d === '.' || d === path || path.startsWith(`${d}/`)
}

const DEP_KINDS = new Set(['code', 'data', 'env'])

/**
 * The modules eval.script imports that the DVC stage running it does not list as a dependency, one line
 * each: `dvc repro` does not rerun a stage when such a module changes, so its metrics go stale while DVC
 * says up to date. A stage "runs the script" when the script is one of its dependencies (its
 * `declaredBy`); a directory dependency covers every file under it. Pure: the graph and the walk are
 * read by the caller.
 */
export function undeclaredImportWarnings(inputs: PipelineInput[], modules: PythonModule[]): string[] {
  const script = modules[0]?.path
  if (script === undefined) return []
  const deps = new Map<string, string[]>()
  for (const i of inputs) {
    if (!DEP_KINDS.has(i.kind) || i.declaredBy === undefined) continue
    const list = deps.get(i.declaredBy) ?? []
    list.push(i.path)
    deps.set(i.declaredBy, list)
  }
  const stages = [...deps.entries()]
    .filter(([, paths]) => paths.some((p) => covers(p, script)))
    .map(([s]) => s)
    .sort()
  const lines: string[] = []
  for (const stage of stages) {
    const paths = deps.get(stage)!
    for (const m of modules.slice(1)) {
      if (paths.some((p) => covers(p, m.path))) continue
      const what = `${m.path} is imported by ${m.importedBy} but is not a dep of stage ${stage}`
      lines.push(`${what}: dvc repro will not rerun it`)
    }
  }
  return lines
}
