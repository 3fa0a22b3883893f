import {availableParallelism} from 'node:os'
import type {Worker} from 'node:worker_threads'
import {type HashAlgorithm, fileHex} from './hash.js'

// The worker is plain CommonJS evaluated from a string, so it survives bundling (lib/fast) unchanged.
const WORKER = `
const {parentPort} = require('node:worker_threads')
const {createHash} = require('node:crypto')
const {openSync, readSync, closeSync} = require('node:fs')
const buf = Buffer.allocUnsafe(1 << 20)
parentPort.on('message', ({id, path, algorithm}) => {
  let fd
  try {
    const h = createHash(algorithm)
    fd = openSync(path, 'r')
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0;) h.update(buf.subarray(0, n))
    parentPort.postMessage({id, hex: h.digest('hex')})
  } catch (error) {
    parentPort.postMessage({id, error: String(error && error.message || error)})
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
})
`

// Below this many bytes hashed in one process, starting threads costs more than it saves.
const POOL_AFTER_BYTES = 48 << 20

type Job = {path: string; algorithm: HashAlgorithm; resolve(hex: string): void; reject(e: Error): void}

/**
 * Hashes files on every core: node hashes on the thread that calls `update`, so one process reading
 * a GiB of files is bound to one core. Small workloads (the usual `sei status`) never start a thread.
 */
export class HashPool {
  private workers: {w: Worker; busy?: Job}[] = []
  private queue: Job[] = []
  private bytes = 0
  private readonly size = Math.max(1, Math.min(4, availableParallelism()))
  private nextId = 0
  private starting?: Promise<void>

  async hash(path: string, algorithm: HashAlgorithm, size: number): Promise<string> {
    this.bytes += size
    if (this.size < 2 || this.bytes < POOL_AFTER_BYTES) return fileHex(path, algorithm)
    this.starting ??= this.start()
    await this.starting
    return new Promise((resolve, reject) => {
      this.queue.push({path, algorithm, resolve, reject})
      this.pump()
    })
  }

  private async start(): Promise<void> {
    const {Worker} = await import('node:worker_threads')
    for (let i = 0; i < this.size; i++) {
      const slot: {w: Worker; busy?: Job} = {w: new Worker(WORKER, {eval: true})}
      slot.w.unref()
      slot.w.on('message', (m: {hex?: string; error?: string}) => {
        const job = slot.busy!
        slot.busy = undefined
        slot.w.unref()
        if (m.error) job.reject(new Error(m.error))
        else job.resolve(m.hex!)
        this.pump()
      })
      // A thread that dies takes only its own file down; the rest is hashed by the others, or here.
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
      for (const job of this.queue.splice(0)) fileHex(job.path, job.algorithm).then(job.resolve, job.reject)
      return
    }
    for (const slot of this.workers) {
      if (slot.busy || this.queue.length === 0) continue
      const job = this.queue.shift()!
      slot.busy = job
      // Referenced only while working: an idle pool never keeps the CLI alive.
      slot.w.ref()
      slot.w.postMessage({id: this.nextId++, path: job.path, algorithm: job.algorithm})
    }
  }
}
