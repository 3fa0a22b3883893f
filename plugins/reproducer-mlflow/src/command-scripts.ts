import {posix} from 'node:path'

/** The Python code a shell command line runs, as far as it can be read without running it. */
export type CommandScripts = {
  /** Scripts run as `python path.py` (relative to the working directory). */
  scripts: string[]
  /** Modules run as `python -m name`, with the directory they run in (Python's sys.path[0]). */
  modules: {name: string; dir: string}[]
  /** Other files the command executes (`bash run.sh`, `./run.sh`): code, but not walkable. */
  others: string[]
  /** Whether every command of the line was understood (else the caller falls back to all Python files). */
  complete: boolean
}

/** Shell words of a command line, split at `&&`, `||`, `;`, `|`, `&` and newlines; quotes removed. */
export function shellCommands(line: string): string[][] {
  const cmds: string[][] = [[]]
  let word: string | undefined
  const end = () => {
    if (word !== undefined) cmds[cmds.length - 1].push(word)
    word = undefined
  }
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === "'" || c === '"') {
      const j = line.indexOf(c, i + 1)
      const stop = j < 0 ? line.length : j
      word = (word ?? '') + line.slice(i + 1, stop).replace(c === '"' ? /\\(["\\$`])/g : /$^/, '$1')
      i = stop
    } else if (c === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line[++i]
    } else if (/[\s]/.test(c) && c !== '\n') end()
    else if (c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      end()
      if (cmds[cmds.length - 1].length > 0) cmds.push([])
    } else word = (word ?? '') + c
  }
  end()
  return cmds.filter((c) => c.length > 0)
}

const PYTHON = /^(?:.*\/)?python(?:\d+(?:\.\d+)*)?$/
// Options of the python interpreter that take a value (python --help).
const PY_VALUE_OPTS = new Set(['-W', '-X', '--check-hash-based-pycs'])

/** The scripts and modules of an MLflow entry point command (or any shell line running Python). */
export function commandScripts(line: string): CommandScripts {
  const out: CommandScripts = {scripts: [], modules: [], others: [], complete: true}
  let dir = '.'
  for (let argv of shellCommands(line)) {
    while (argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) argv = argv.slice(1) // VAR=value prefixes
    if (argv[0] === 'exec' || argv[0] === 'time') argv = argv.slice(1)
    if (argv.length === 0) continue
    if (PYTHON.test(argv[0])) {
      let k = 1
      const option = (a: string | undefined) => a?.startsWith('-') && !['-m', '-c', '-'].includes(a)
      while (option(argv[k])) k += PY_VALUE_OPTS.has(argv[k]) ? 2 : 1
      if (argv[k] === '-m' && argv[k + 1]) out.modules.push({name: argv[k + 1], dir})
      else if (argv[k] && argv[k] !== '-c' && argv[k] !== '-') out.scripts.push(posix.join(dir, argv[k]))
      else out.complete = false
    } else if (['bash', 'sh', 'zsh', 'source', '.'].includes(argv[0]) && argv[1] && !argv[1].startsWith('-')) {
      out.others.push(posix.join(dir, argv[1]))
      out.complete = false
    } else if (argv[0].startsWith('./') || argv[0].endsWith('.sh')) {
      out.others.push(posix.join(dir, argv[0]))
      out.complete = false
    } else if (argv[0] === 'cd' && argv.length === 2 && !argv[1].startsWith('-')) dir = posix.join(dir, argv[1])
    else if (!['echo', 'true', 'mkdir', 'export', 'set'].includes(argv[0])) out.complete = false
  }
  return out
}
