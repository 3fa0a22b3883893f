// Shared measuring helpers for bench/*.js: wall-clock timings of real processes, summarised as
// median and min–max over several runs, and the markdown each bench writes to bench/results/.
import {spawnSync} from 'node:child_process'
import {mkdirSync, writeFileSync} from 'node:fs'
import {cpus, totalmem} from 'node:os'
import {join} from 'node:path'

export const projectRoot = join(import.meta.dirname, '..')
export const seiBin = join(projectRoot, 'bin', 'run.js')

/** Runs argv once and returns elapsed milliseconds; throws when the exit code is not one of `okCodes`. */
export function timeOnce(argv, {cwd, env, okCodes = [0]} = {}) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(argv[0], argv.slice(1), {cwd, env: env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 26})
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (!okCodes.includes(r.status)) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`)
  return ms
}

/** Median and range of `runs` timings of argv (after `warmup` untimed runs). */
export function measure(argv, {runs = 7, warmup = 1, ...opts} = {}) {
  for (let i = 0; i < warmup; i++) timeOnce(argv, opts)
  const times = Array.from({length: runs}, () => timeOnce(argv, opts))
  return summarise(times)
}

/**
 * Like measure, for several commands run in turn (a, b, c, a, b, c, …): a command and its baseline see
 * the same machine, which on a shared 2-CPU host drifts by ±10 % within a minute.
 * `commands`: [{argv, cwd?, env?, okCodes?}]; returns one summary per command.
 */
export function measureInterleaved(commands, {runs = 7, warmup = 1} = {}) {
  for (let i = 0; i < warmup; i++) for (const c of commands) timeOnce(c.argv, c)
  const times = commands.map(() => [])
  for (let i = 0; i < runs; i++) commands.forEach((c, k) => times[k].push(timeOnce(c.argv, c)))
  return times.map(summarise)
}

export function summarise(times) {
  const sorted = [...times].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
  return {median, min: sorted[0], max: sorted.at(-1), runs: sorted.length}
}

/** A target's verdict as the notes print it. */
export const met = (ok) => (ok ? 'met' : 'NOT met')

export const fmt = (s) => `${s.median.toFixed(1)} ms (${s.min.toFixed(1)}–${s.max.toFixed(1)})`

/** The machine line every results file starts with. */
export function machine() {
  const cpu = cpus()
  return (
    `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`
  )
}

/** Prints a markdown table and writes bench/results/<name>.md with a heading and notes. */
export function report(name, title, header, rows, notes = []) {
  const table = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
  const noteList = notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''
  const text = `## ${title}\n\n${machine()}\n\n${table}\n${noteList}`
  console.log(text)
  mkdirSync(join(projectRoot, 'bench', 'results'), {recursive: true})
  writeFileSync(join(projectRoot, 'bench', 'results', `${name}.md`), text)
}
