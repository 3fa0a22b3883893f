import {ExitCode, SeiError} from '../errors.js'
import {type Act, type ActKind, SUBJECTS, TRAILERS, actOf} from './acts.js'
import {headCommit} from '../repo/index.js'
import {git} from './git.js'

const FORGED = /^\s*(?:Sei|Froga|Signed-off|Co-authored)-[A-Za-z-]*:/im

function checkBy(by: string): void {
  if (by.trim() === '') throw new SeiError('BY_EMPTY', '--by is empty', {exit: ExitCode.invalidInput, actions: ['Say who acts, e.g. --by "Jane Roe <jane@org>".']})
  // eslint-disable-next-line no-control-regex
  if (/[\r\n\u0000-\u001f\u007f\u2028\u2029]/.test(by)) {
    throw new SeiError('BY_INVALID', '--by must be one line of text: a newline or control character could forge another trailer', {exit: ExitCode.invalidInput, actions: ['Pass a single name, e.g. --by "Jane Roe <jane@org>".']})
  }
  if (/^\s*[A-Za-z-]+-by:/i.test(by)) throw new SeiError('BY_INVALID', `--by "${by}" looks like a trailer itself`, {exit: ExitCode.invalidInput, actions: ['Pass the name only, e.g. --by "Jane Roe <jane@org>".']})
}

function checkReason(kind: ActKind, reason: string | undefined): void {
  if (kind === 'reject' && (reason === undefined || reason.trim() === '')) {
    throw new SeiError('REASON_REQUIRED', 'a rejection needs its reason (--reason)', {exit: ExitCode.invalidInput, actions: ['Add --reason "what must change before approval".']})
  }
  if (reason !== undefined && FORGED.test(reason)) {
    throw new SeiError('REASON_INVALID', '--reason contains a line that reads as a git trailer (e.g. "Sei-Approved-by:")', {exit: ExitCode.invalidInput, actions: ['Reword the reason so that no line starts with "<Word>-by:".']})
  }
}

/**
 * Records a governance act as an empty commit on HEAD: its tree is HEAD's tree, so whatever is staged
 * or modified stays exactly as it was (commit-tree + update-ref never touch the index or the work tree).
 */
export function governanceCommit(root: string, kind: ActKind, options: {by: string; reason?: string}): Act {
  checkBy(options.by)
  checkReason(kind, options.reason)
  const head = headCommit(root)
  if (!head) {
    throw new SeiError('UNBORN', 'this repository has no commit yet: a governance act is recorded on top of the evidence it judges', {exit: ExitCode.invalidInput, actions: ['Commit the system (sei.yaml, pipeline) first, e.g. `git commit -m "declare"`, then run this again.']})
  }
  const tree = git(root, ['rev-parse', `${head}^{tree}`]).trim()
  const reason = options.reason?.trim()
  const message = `${SUBJECTS[kind]}\n\n${reason ? `${reason}\n\n` : ''}Sei-${TRAILERS[kind]}: ${options.by.trim()}\n`
  const commit = git(root, ['commit-tree', tree, '-p', head, '-F', '-'], message).trim()
  // Compare-and-swap: refuse if HEAD moved meanwhile, rather than dropping someone's commit.
  git(root, ['update-ref', '-m', `sei ${kind}`, 'HEAD', commit, head])
  const [date, author] = git(root, ['log', '-1', '--format=%aI%x1f%an <%ae>', commit]).trim().split('\x1f')
  return actOf(message, {sha: commit, date, author})!
}
