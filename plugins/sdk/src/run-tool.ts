export type RunToolOptions = {
  cwd: string
  env: Record<string, string | undefined>
  onOutput(line: string, stream: 'stdout' | 'stderr'): void
  signal?: AbortSignal
}

/** The tool is not installed or not on PATH: `tool` names it (sei exits 3). */
export class ToolMissingError extends Error {
  readonly code = 'TOOL_MISSING'
  constructor(readonly tool: string) {
    super(`${tool} is not installed or not on PATH (run \`npm run setup:python\` for the project's Python tools)`)
  }
}

/** sei was told to stop (SIGINT, SIGTERM, SIGHUP, an AbortSignal) while the tool ran: its group is stopped. */
export class ToolInterruptedError extends Error {
  readonly code = 'TOOL_INTERRUPTED'
  constructor(
    readonly tool: string,
    readonly signal: NodeJS.Signals,
  ) {
    super(`${tool} was stopped (${signal} to sei): the whole process group of the pipeline was terminated`)
  }
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
/** How long the pipeline's processes get to exit after SIGTERM before SIGKILL. */
const GRACE_MS = 5000

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return
  try {
    process.kill(-pid, signal)
  } catch {
    // the group is gone already
  }
}

/**
 * Runs a tool from an argument array (never a shell string) through execa, streaming its output line
 * by line. The tool runs in a process group of its own (with everything it starts: `dvc repro` and
 * the training script), so that a SIGINT or SIGTERM to sei stops the whole group (SIGTERM, then
 * SIGKILL after a grace period) instead of leaving it running, re-parented to init; the returned
 * promise then rejects with ToolInterruptedError. A tool that is not installed rejects with
 * ToolMissingError. Resolves with the exit code; the output reaches the caller only through onOutput.
 */
export async function runTool(argv: string[], options: RunToolOptions): Promise<{exitCode: number}> {
  const [cmd, ...args] = argv
  const {execa} = await import('execa')
  const child = execa(cmd, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    detached: true, // its own process group (and session): sei signals the group as a whole
    cleanup: false, // the group, not only the leader, is stopped below
  })
  let stoppedBy: NodeJS.Signals | undefined
  let escalate: NodeJS.Timeout | undefined
  const stop = (signal: NodeJS.Signals) => {
    if (stoppedBy) return
    stoppedBy = signal
    killGroup(child.pid, 'SIGTERM')
    escalate = setTimeout(() => killGroup(child.pid, 'SIGKILL'), GRACE_MS)
  }
  const handlers = STOP_SIGNALS.map((s) => [s, () => stop(s)] as const)
  for (const [s, h] of handlers) process.on(s, h)
  const onAbort = () => stop('SIGTERM')
  options.signal?.addEventListener('abort', onAbort, {once: true})
  if (options.signal?.aborted) onAbort()
  const emit = (line: string, name: 'stdout' | 'stderr') => options.onOutput(line, name)
  const pump = (stream: NodeJS.ReadableStream | null, name: 'stdout' | 'stderr') => {
    if (!stream) return
    let rest = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      const lines = (rest + chunk).split(/\r?\n/)
      rest = lines.pop() ?? ''
      for (const line of lines) emit(line, name)
    })
    stream.on('end', () => rest && emit(rest, name))
  }
  pump(child.stdout, 'stdout')
  pump(child.stderr, 'stderr')
  try {
    const result = await child
    if ((result as {code?: string}).code === 'ENOENT') throw new ToolMissingError(cmd)
    if (stoppedBy) {
      killGroup(child.pid, 'SIGKILL') // whatever of the group ignored SIGTERM
      throw new ToolInterruptedError(cmd, stoppedBy)
    }
    return {exitCode: result.exitCode ?? (result.signal ? 128 : 1)}
  } finally {
    clearTimeout(escalate)
    for (const [s, h] of handlers) process.off(s, h)
    options.signal?.removeEventListener('abort', onAbort)
  }
}
