import {spawn} from 'node:child_process'

export type RunToolOptions = {
  cwd: string
  env: Record<string, string | undefined>
  onOutput(line: string, stream: 'stdout' | 'stderr'): void
  signal?: AbortSignal
}

/**
 * Runs a tool from an argument array (never a shell string), streaming its output line by line.
 * Resolves with the exit code and the last lines of stderr so a failure can quote the tool.
 */
export async function runTool(argv: string[], options: RunToolOptions): Promise<{exitCode: number; tail: string[]}> {
  const [cmd, ...args] = argv
  const tail: string[] = []
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {cwd: options.cwd, env: options.env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'], signal: options.signal})
    const pump = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr') => {
      let rest = ''
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split(/\r?\n/)
        rest = lines.pop() ?? ''
        for (const line of lines) emit(line, name)
      })
      stream.on('end', () => rest && emit(rest, name))
    }
    const emit = (line: string, name: 'stdout' | 'stderr') => {
      tail.push(line)
      if (tail.length > 40) tail.shift()
      options.onOutput(line, name)
    }
    pump(child.stdout!, 'stdout')
    pump(child.stderr!, 'stderr')
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') reject(new Error(`${cmd} is not installed or not on PATH (run \`npm run setup:python\` for the project's Python tools)`))
      else reject(error)
    })
    child.on('close', (code, signal) => resolve({exitCode: code ?? (signal ? 128 : 1), tail}))
  })
}
