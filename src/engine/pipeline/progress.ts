/** How often a running pipeline tool is said to be still running (SEI_PROGRESS_INTERVAL, seconds). */
export const HEARTBEAT_SECONDS = 10

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * Tool output behind one progress line on stderr: on a terminal the line is rewritten in place with
 * the latest output; otherwise (CI, pipes) each line is printed with the tool's name as prefix. A
 * heartbeat (`dvc · 0:40`) says the tool is still running every HEARTBEAT_SECONDS, in every output mode
 * (--json too: it is stderr), so a long training step never looks like a hang.
 */
export function progressSink(
  tool: string,
  stream: NodeJS.WriteStream = process.stderr,
  quiet = false,
): {line(text: string): void; done(): void} {
  const tty = Boolean(stream.isTTY) && !process.env.CI
  let shown = false
  let last = ''
  const width = () => Math.max(20, (stream.columns ?? 80) - 1)
  const started = Date.now()
  const show = (text: string) => {
    stream.write(`\r\x1b[K${text.slice(0, width())}`)
    shown = true
  }
  const seconds = Number(process.env.SEI_PROGRESS_INTERVAL ?? HEARTBEAT_SECONDS)
  const period = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : HEARTBEAT_SECONDS * 1000
  const heartbeat = setInterval(() => {
    const beat = `${tool} · ${clock(Date.now() - started)}`
    if (tty) show(`[${beat}] ${last}`)
    else stream.write(`${beat} (still running)\n`)
  }, period)
  heartbeat.unref()
  return {
    line(text: string) {
      if (quiet) return
      last = text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '')
      if (tty) show(`[${tool}] ${last}`)
      else stream.write(`  ${tool} | ${last}\n`)
    },
    done() {
      clearInterval(heartbeat)
      if (tty && shown) stream.write('\r\x1b[K')
    },
  }
}
