import assert from 'node:assert/strict'
import {afterEach, describe, it} from 'node:test'
import {progressSink} from '../../../src/engine/pipeline/progress.js'

/** A non-terminal stream that keeps what is written to it. */
function pipeStream(): NodeJS.WriteStream & {text: string[]} {
  const text: string[] = []
  return {text, isTTY: false, write: (s: string) => text.push(s) > 0} as unknown as NodeJS.WriteStream & {
    text: string[]
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('progress of a running pipeline tool', () => {
  afterEach(() => {
    delete process.env.SEI_PROGRESS_INTERVAL
  })

  it('prints the tool output with its name, and a heartbeat while it runs, even when quiet (--json)', async () => {
    process.env.SEI_PROGRESS_INTERVAL = '0.02'
    for (const quiet of [false, true]) {
      const stream = pipeStream()
      const sink = progressSink('dvc', stream, quiet)
      sink.line('Running stage train')
      await sleep(150)
      sink.done()
      const after = stream.text.length
      await sleep(60)
      assert.equal(stream.text.length, after, 'no heartbeat once the tool is done')
      const beats = stream.text.filter((t) => /^dvc · 0:00 \(still running\)\n$/.test(t))
      assert.ok(beats.length >= 1, JSON.stringify(stream.text))
      assert.equal(stream.text.includes('  dvc | Running stage train\n'), !quiet)
    }
  })
})
