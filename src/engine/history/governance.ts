import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import {join} from 'node:path'
import {recordedGate} from '../controls/index.js'
import {ExitCode, SeiError} from '../errors.js'
import {APPROVED_TRAILERS, type Act, type ActKind, type ApprovedEvidence, SUBJECTS, TRAILERS, actOf} from './acts.js'
import {headCommit} from '../repo/index.js'
import {CONTROL_OR_SEPARATOR, escapeText} from './escape.js'
import {git, gitFlag} from '../git/index.js'
import {parseMessage} from './trailers.js'

const FORGED = /^\s*(?:Sei|Froga|Signed-off|Co-authored)-[A-Za-z-]*:/im

function refuseControls(flag: string, value: string): void {
  const m = CONTROL_OR_SEPARATOR.exec(value)
  if (m) {
    throw new SeiError(
      flag === '--by' ? 'BY_INVALID' : 'REASON_INVALID',
      `${flag} holds the control or separator character ${escapeText(m[0])} ` +
        '(C0, C1 such as U+0085, U+2028, U+2029 are refused: they could forge a trailer or repaint a terminal)',
      {
        exit: ExitCode.invalidInput,
        actions: [
          `Pass ${flag} as one line of plain text${flag === '--by' ? ', e.g. --by "Jane Roe <jane@org>"' : ''}.`,
        ],
      },
    )
  }
}

function checkBy(by: string): void {
  if (by.trim() === '')
    throw new SeiError('BY_EMPTY', '--by is empty', {
      exit: ExitCode.invalidInput,
      actions: ['Say who acts, e.g. --by "Jane Roe <jane@org>".'],
    })
  refuseControls('--by', by)
  if (/^\s*[A-Za-z-]+-by:/i.test(by))
    throw new SeiError('BY_INVALID', `--by "${by}" looks like a trailer itself`, {
      exit: ExitCode.invalidInput,
      actions: ['Pass the name only, e.g. --by "Jane Roe <jane@org>".'],
    })
}

function checkReason(kind: ActKind, reason: string | undefined): void {
  if (kind === 'reject' && (reason === undefined || reason.trim() === '')) {
    throw new SeiError('REASON_REQUIRED', 'a rejection needs its reason (--reason)', {
      exit: ExitCode.invalidInput,
      actions: ['Add --reason "what must change before approval".'],
    })
  }
  if (reason === undefined) return
  refuseControls('--reason', reason)
  if (reason.trimStart().startsWith('#')) {
    throw new SeiError(
      'REASON_INVALID',
      '--reason starts with "#": git reads such a line as a comment, and the reason would be lost',
      {exit: ExitCode.invalidInput, actions: ['Start the reason with a word, e.g. --reason "issue #12: …".']},
    )
  }
  if (FORGED.test(reason)) {
    throw new SeiError(
      'REASON_INVALID',
      '--reason contains a line that reads as a git trailer (e.g. "Sei-Approved-by:")',
      {exit: ExitCode.invalidInput, actions: ['Reword the reason so that no line starts with "<Word>-by:".']},
    )
  }
}

/**
 * The evidence an approval approves, recorded in its act: the bundle in the work tree (its digest),
 * its risk gate, and whether its signature verifies (trust root from SEI_TRUSTED_KEYS, else PUBKEY.txt).
 */
export async function approvedEvidence(
  root: string,
  env: Record<string, string | undefined> = process.env,
): Promise<ApprovedEvidence> {
  const {evidenceFamily, readCurrentBundle, verifyEvidence} = await import('../evidence/index.js')
  const family = evidenceFamily(root)
  const read = readCurrentBundle<{control_results?: {enforcement_mode?: string; passed?: boolean}[]}>(
    root,
    family.evidenceDir,
  )
  if (!read) return {bundle: null, signature: 'none'}
  const {bytes, bundle} = read
  const gate = recordedGate(bundle.control_results ?? [])
  let signature: ApprovedEvidence['signature'] = 'none'
  if (existsSync(join(root, `${read.file}.sig`)))
    signature = (await verifyEvidence(root, {env})).valid ? 'valid' : 'invalid'
  return {bundle: `sha256:${createHash('sha256').update(bytes).digest('hex')}`, gate, signature}
}

/** git must read the message's trailers exactly as sei wrote them: one act trailer with the --by value. */
function checkGitReadsIt(root: string, message: string, expected: {token: string; value: string}[]): void {
  const seen = git(root, ['interpret-trailers', '--parse'], message)
    .split('\n')
    .filter((l) => l !== '')
  const ours = parseMessage(message).trailers.map((t) => `${t.token}: ${t.value}`)
  const want = expected.map((t) => `${t.token}: ${t.value}`)
  if (seen.join('\n') !== want.join('\n') || ours.join('\n') !== want.join('\n')) {
    throw new SeiError(
      'REASON_INVALID',
      '--reason would change how git reads the act\'s trailers (a scissors line, a "---" divider, a comment line)',
      {exit: ExitCode.invalidInput, actions: ['Reword the reason: no line starting with "#" or "---".']},
    )
  }
}

/**
 * Records a governance act as an empty commit on HEAD: its tree is HEAD's tree, so whatever is staged
 * or modified stays exactly as it was (commit-tree + update-ref never touch the index or the work tree).
 * An approval also records what it approves (approvedEvidence) as trailers of the act.
 */
export function governanceCommit(
  root: string,
  kind: ActKind,
  options: {by: string; reason?: string; approves?: ApprovedEvidence},
): Act {
  checkBy(options.by)
  checkReason(kind, options.reason)
  const head = headCommit(root)
  if (!head) {
    throw new SeiError(
      'UNBORN',
      'this repository has no commit yet: a governance act is recorded on top of the evidence it judges',
      {
        exit: ExitCode.invalidInput,
        actions: ['Commit the system (sei.yaml, pipeline) first, e.g. `git commit -m "declare"`, then run this again.'],
      },
    )
  }
  const tree = git(root, ['rev-parse', `${head}^{tree}`]).trim()
  const reason = options.reason?.trim()
  const trailers: {token: string; value: string}[] = []
  if (options.approves) {
    const a = options.approves
    trailers.push({token: APPROVED_TRAILERS.bundle, value: a.bundle ?? 'none'})
    if (a.gate) trailers.push({token: APPROVED_TRAILERS.gate, value: a.gate})
    if (a.signature) trailers.push({token: APPROVED_TRAILERS.signature, value: a.signature})
  }
  trailers.push({token: `Sei-${TRAILERS[kind]}`, value: options.by.trim()})
  const message =
    `${SUBJECTS[kind]}\n\n${reason ? `${reason}\n\n` : ''}` +
    `${trailers.map((t) => `${t.token}: ${t.value}`).join('\n')}\n`
  checkGitReadsIt(root, message, trailers)
  // `git commit` signs when commit.gpgSign is set; commit-tree does not read it: pass -S as git commit would.
  const sign = gitFlag(root, 'commit.gpgsign')
  const commit = git(root, ['commit-tree', tree, '-p', head, ...(sign ? ['-S'] : []), '-F', '-'], message).trim()
  // Compare-and-swap: refuse if HEAD moved meanwhile, rather than dropping someone's commit.
  git(root, ['update-ref', '-m', `sei ${kind}`, 'HEAD', commit, head])
  const [date, author, committer] = git(root, ['log', '-1', '--format=%aI%x1f%an <%ae>%x1f%cn <%ce>', commit])
    .trim()
    .split('\x1f')
  const {ambiguous: _ambiguous, ...act} = actOf(message, {sha: commit, date, author, committer})!
  return act
}
