import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {isolatedEnv, sei} from '../helpers/cli.js'

// Completion is offline (plugin-autocomplete): headless, source what `sei autocomplete script bash`
// prints, set COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT as bash would and call the completion function.
const hasZsh = spawnSync('zsh', ['--version']).status === 0

// usage: zsh -f capture.zsh <fpath dir> <line>; prints one candidate a line.
const ZSH_CAPTURE = `zmodload zsh/zpty || exit 3
zpty z zsh -f -i
zpty -w z "PROMPT= ; fpath=($1 \\$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'compadd () {
  if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi
  typeset -a __hits; builtin compadd -A __hits "$@"
  (( $#__hits )) && print -l -- "<hit>"\${^__hits}
  builtin compadd "$@"
}'
zpty -w z "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false"
zpty -w z "zstyle ':completion:*' list-prompt ''; zstyle ':completion:*' select-prompt ''"
zpty -w z "bindkey '^I' complete-word; null-line () { echo -E - \\$'\\\\0' }"
zpty -w z "compprefuncs=( null-line ); comppostfuncs=( null-line exit )"
zpty -n -w z "$2"$'\\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
  if [[ $line == *$'\\0\\r' ]]; then (( tog++ )) && return 0 || continue; fi
  (( tog )) && [[ $line == '<hit>'* ]] && echo -E - "\${\${line#<hit>}%$'\\r'}"
done
zpty -d z
`

function bashComplete(setup: string, env: Record<string, string | undefined>, lines: string[][]): string[] {
  const script = `
eval "$SETUP"
fn=$(complete -p sei | sed -E 's/.*-F ([^ ]+) .*/\\1/')
while IFS= read -r line; do
  read -r -a COMP_WORDS <<< "$line"
  [[ "$line" == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 )); COMP_LINE="$line"; COMP_POINT=\${#COMP_LINE}; COMPREPLY=()
  "$fn"
  echo "\${COMPREPLY[*]}"
done`
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {
    env: {...env, SETUP: setup} as NodeJS.ProcessEnv,
    input: `${lines.map((l) => l.join(' ')).join('\n')}\n`,
    encoding: 'utf8',
  })
  assert.equal(r.status, 0, r.stderr)
  return r.stdout.split('\n').slice(0, lines.length)
}

describe('autocomplete', () => {
  it('bash completes a subcommand prefix, a flag of a command, and a topic subcommand', () => {
    const env = isolatedEnv()
    const setup = sei(['autocomplete', 'script', 'bash'], {env})
    assert.equal(setup.status, 0, setup.stderr)
    assert.match(setup.stdout, /SEI_AC_BASH_SETUP_PATH=.*bash_setup/)
    // `autocomplete script` only prints the hook; the first `sei autocomplete` builds the cache it sources.
    assert.equal(sei(['autocomplete', 'bash'], {env}).status, 0)
    assert.deepEqual(
      bashComplete(setup.stdout, env, [
        ['sei', 'ver'],
        ['sei', 'verify', '--k'],
        ['sei', 'conformance', '--st'],
        ['sei', 'rec'],
        ['sei', 'plugins', 'ins'],
      ]),
      ['verify', '--key', '--standard', 'reconstruct', 'inspect install'],
    )
  })

  it('zsh completes a subcommand prefix, a flag of a command, and a topic subcommand', {
    skip: hasZsh ? false : 'zsh is not installed on this machine',
  }, () => {
    const env = isolatedEnv()
    assert.equal(sei(['autocomplete', 'zsh'], {env}).status, 0)
    const dir = `${env.SEI_CACHE_DIR}/autocomplete/functions/zsh`
    // Headless zsh: an interactive zsh in a pseudo-terminal (zpty) gets the line and a TAB; compadd is
    // wrapped to print every candidate the completion system offers (the zsh-capture-completion method).
    const script = join(mkdtempSync(join(tmpdir(), 'sei-zsh-')), 'capture.zsh')
    writeFileSync(script, ZSH_CAPTURE)
    const complete = (line: string) => {
      const r = spawnSync('zsh', ['-f', script, dir, line], {
        encoding: 'utf8',
        env: env as NodeJS.ProcessEnv,
        timeout: 30_000,
      })
      assert.equal(r.status, 0, r.stderr)
      return r.stdout.trim().split('\n').sort().join(' ')
    }
    assert.equal(complete('sei ver'), 'verify')
    assert.equal(complete('sei verify --k'), '--key')
    assert.equal(complete('sei conformance --st'), '--standard')
    assert.equal(complete('sei plugins ins'), 'inspect install')
  })
})
