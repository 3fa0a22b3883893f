/**
 * Tool output behind one progress line on stderr: on a terminal the line is rewritten in place with
 * the latest output; otherwise (CI, pipes) each line is printed with the tool's name as prefix.
 */
export function progressSink(
  tool: string,
  stream: NodeJS.WriteStream = process.stderr,
  quiet = false,
): {line(text: string): void; done(): void} {
  const tty = Boolean(stream.isTTY) && !process.env.CI
  let shown = false
  const width = () => Math.max(20, (stream.columns ?? 80) - 1)
  return {
    line(text: string) {
      if (quiet) return
      const clean = text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '')
      if (tty) {
        stream.write(`\r\x1b[K${`[${tool}] ${clean}`.slice(0, width())}`)
        shown = true
      } else {
        stream.write(`  ${tool} | ${clean}\n`)
      }
    },
    done() {
      if (tty && shown) stream.write('\r\x1b[K')
    },
  }
}
