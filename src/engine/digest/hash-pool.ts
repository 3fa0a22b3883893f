import {availableParallelism} from 'node:os'
import type {Worker} from 'node:worker_threads'
import {type HashAlgorithm, fileHex} from './hash.js'

// The worker is plain CommonJS evaluated from a string, so it survives bundling (lib/fast) unchanged. It hashes
// a batch of files per message: one message per file costs the main thread more than a small file's hash.
const WORKER = `
const {parentPort} = require('node:worker_threads')
const {createHash} = require('node:crypto')
const {openSync, readSync, closeSync} = require('node:fs')
const buf = Buffer.allocUnsafe(1 << 20)
function hashFile(path, algorithm) {
  let fd
  try {
    const h = createHash(algorithm)
    fd = openSync(path, 'r')
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, n))
    return {hex: h.digest('hex')}
  } catch (error) {
    return {error: String(error && error.message || error)}
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}
parentPort.on('message', ({id, paths, algorithm}) => {
  parentPort.postMessage({id, results: paths.map((p) => hashFile(p, algorithm))})
})
`

// Below this many bytes hashed in one process, starting threads costs more than it saves.
const POOL_AFTER_BYTES = 48 << 20
// A batch ends after this many bytes or files: small enough that the threads finish together.
const BATCH_BYTES = 4 << 20
const BATCH_FILES = 64

type Result = {hex?: string; error?: string}
type Batch = {paths: string[]; algorithm: HashAlgorithm; resolve(r: Result[]): void; reject(e: Error): void}
type Slot = {w: Worker; busy?: Batch}

/**
 * Hashes files on every core: node hashes on the thread that calls `update`, so one process reading
 * a GiB of files is bound to one core. Small workloads (the usual `sei status`) never start a thread.
 */
export class HashPool {
  private workers: Slot[] = []
  private queue: Batch[] = []
  private bytes = 0
  private readonly size = Math.max(1, Math.min(4, availableParallelism()))
  private nextId = 0
  private starting?: Promise<void>

  /** Hashes of many files (one algorithm), in their order; a file that cannot be read rejects the whole call. */
  async hashAll(files: {path: string; size: number}[], algorithm: HashAlgorithm): Promise<string[]> {
    const total = files.reduce((n, f) => n + f.size, 0)
    this.bytes += total
    if (this.size < 2 || this.bytes < POOL_AFTER_BYTES) {
      const out: string[] = []
      for (const f of files) out.push(await fileHex(f.path, algorithm))
      return out
    }
    this.starting ??= this.start()
    await this.starting
    const batches: Promise<Result[]>[] = []
    for (let i = 0; i < files.length; ) {
      const paths: string[] = []
      let bytes = 0
      while (i < files.length && paths.length < BATCH_FILES && (paths.length === 0 || bytes < BATCH_BYTES)) {
        bytes += files[i].size
        paths.push(files[i++].path)
      }
      batches.push(new Promise((resolve, reject) => this.queue.push({paths, algorithm, resolve, reject})))
    }
    this.pump()
    const results = (await Promise.all(batches)).flat()
    const failed = results.find((r) => r.error !== undefined)
    if (failed) throw new Error(failed.error)
    return results.map((r) => r.hex!)
  }

  private async start(): Promise<void> {
    const {Worker} = await import('node:worker_threads')
    for (let i = 0; i < this.size; i++) {
      const slot: Slot = {w: new Worker(WORKER, {eval: true})}
      slot.w.unref()
      slot.w.on('message', (m: {results: Result[]}) => {
        const batch = slot.busy!
        slot.busy = undefined
        slot.w.unref()
        batch.resolve(m.results)
        this.pump()
      })
      // A thread that dies takes only its own batch down; the rest is hashed by the others, or here.
      slot.w.on('error', (error) => {
        slot.busy?.reject(error)
        slot.busy = undefined
        this.workers = this.workers.filter((x) => x !== slot)
        this.pump()
      })
      this.workers.push(slot)
    }
  }

  private pump(): void {
    if (this.workers.length === 0) {
      for (const b of this.queue.splice(0))
        Promise.all(b.paths.map((p) => fileHex(p, b.algorithm).then((hex) => ({hex}))))
          .then(b.resolve)
          .catch(b.reject)
      return
    }
    for (const slot of this.workers) {
      if (slot.busy || this.queue.length === 0) continue
      const batch = this.queue.shift()!
      slot.busy = batch
      // Referenced only while working: an idle pool never keeps the CLI alive.
      slot.w.ref()
      slot.w.postMessage({id: this.nextId++, paths: batch.paths, algorithm: batch.algorithm})
    }
  }
}
