import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {describe, it} from 'node:test'
import {isolatedEnv, sei} from '../helpers/cli.js'

// Completion is offline (plugin-autocomplete): headless, source what `sei autocomplete script bash`
// prints, set COMP_WORDS/COMP_CWORD/COMP_LINE/COMP_POINT as bash would and call the completion function.
const hasZsh = spawnSync('zsh', ['--version']).status === 0

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
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], {env: {...env, SETUP: setup} as NodeJS.ProcessEnv, input: `${lines.map((l) => l.join(' ')).join('\n')}\n`, encoding: 'utf8'})
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
    assert.deepEqual(bashComplete(setup.stdout, env, [['sei', 'ver'], ['sei', 'verify', '--k'], ['sei', 'conformance', '--st'], ['sei', 'rec'], ['sei', 'plugins', 'ins']]), [
      'verify',
      '--key',
      '--standard',
      'reconstruct',
      'inspect install',
    ])
  })

  it('zsh: the completion function is generated and loads in zsh', {skip: hasZsh ? false : 'zsh is not installed on this machine'}, () => {
    const env = isolatedEnv()
    assert.equal(sei(['autocomplete', 'zsh'], {env}).status, 0)
    const dir = `${env.SEI_CACHE_DIR}/autocomplete/functions/zsh`
    const r = spawnSync('zsh', ['-f', '-c', `fpath=(${dir} $fpath); autoload -U compinit; compinit -u; autoload -U _sei; whence -w _sei`], {encoding: 'utf8', env: env as NodeJS.ProcessEnv})
    assert.match(r.stdout, /_sei: function/)
  })
})
