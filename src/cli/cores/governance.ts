import {ExitCode} from '../../engine/errors.js'
import type {Act, ActKind} from '../../engine/history/index.js'
import {type CommandCore, defineCore} from '../core.js'
import {repoFlag, type StringFlag} from '../flags.js'

// The trailer each act writes; history/acts.ts holds the same names for reading them back (TRAILERS), and
// test/commands/governance.test.ts checks the help against what git reads from the commit.
const TRAILER: Record<ActKind, string> = {
  request: 'Sei-Approval-Requested-by',
  approve: 'Sei-Approved-by',
  review: 'Sei-Reviewed-by',
  reject: 'Sei-Rejected-by',
  retire: 'Sei-Retired-by',
}

type Spec = {kind: ActKind; summary: string; by: string; reason: StringFlag; example: string; more?: string}

/** request/approve/review/reject/retire: record one act as an empty, attributed commit on HEAD. */
export function governanceCore(spec: Spec) {
  const {kind} = spec
  return defineCore({
    id: kind,
    summary: spec.summary,
    description: [
      `Records the act as an empty commit on HEAD whose message ends with the trailer "${TRAILER[kind]}: <--by>" ` +
        '(and the --reason in its body): `sei reconstruct` reads it back with git interpret-trailers semantics. ' +
        'Your staged and unstaged changes are untouched. The commit is signed when commit.gpgSign is set.',
      ...(spec.more ? [spec.more] : []),
    ].join('\n\n'),
    examples: [spec.example],
    exitCodes: {
      [ExitCode.ok]: `recorded (the commit and its ${TRAILER[kind]} trailer)`,
      [ExitCode.invalidInput]:
        'an invalid --by/--reason (a control or separator character, a forged trailer, a line that changes how git ' +
        'reads trailers), or a repository with no commit yet',
    },
    flags: {
      repo: repoFlag,
      by: {kind: 'string', required: true, description: spec.by},
      reason: spec.reason,
    },
    async execute(flags) {
      const {requireGitRepo} = await import('../../engine/repo/index.js')
      const {approvedEvidence, governanceCommit} = await import('../../engine/history/index.js')
      const root = requireGitRepo(flags.repo)
      const approves = kind === 'approve' ? await approvedEvidence(root) : undefined
      const result: Act = governanceCommit(root, kind, {by: flags.by, reason: flags.reason, approves})
      return {result, exit: ExitCode.ok}
    },
    async render(act) {
      const {escapeText} = await import('../../engine/history/index.js')
      const lines = [
        `recorded ${kind} by ${escapeText(act.by)} as commit ${act.commit.slice(0, 7)} (${act.date}), authored by ` +
          `${escapeText(act.author)}; your staged and unstaged changes are untouched`,
      ]
      const a = act.approves
      if (a)
        lines.push(
          `approved: ${
            a.bundle
              ? `bundle ${a.bundle}, gate ${a.gate}, signature ${a.signature}`
              : 'no bundle (nothing has been run)'
          }`,
        )
      return lines.join('\n')
    },
  }) satisfies CommandCore
}

const optionalReason = (what: string): StringFlag => ({
  kind: 'string',
  description: `Why (optional): ${what}; goes in the commit body.`,
})

export const request = governanceCore({
  kind: 'request',
  summary: 'Record a request for management approval of the treatment plan (an empty, attributed git commit).',
  by: 'Person or role requesting approval, e.g. "Jane Roe <jane@org>".',
  reason: optionalReason('what is to be approved'),
  example: '<%= config.bin %> request --by "Jane Roe <jane@org>"',
})
export const approve = governanceCore({
  kind: 'approve',
  summary: 'Record management approval of the treatment plan and acceptance of the residual risk.',
  by: 'Person or management role approving, e.g. "Jane Roe <jane@org>".',
  reason: optionalReason('the grounds of the approval'),
  example: '<%= config.bin %> approve --by "Jane Roe <jane@org>"',
  more:
    'The approval names the evidence it approves (Sei-Approved-Bundle, Sei-Approved-Gate and ' +
    'Sei-Approved-Signature trailers): a later `sei run` makes it STALE.',
})
export const review = governanceCore({
  kind: 'review',
  summary: 'Record a periodic risk review (ISO/IEC 23894 §6.6).',
  by: 'Person or role performing the review.',
  reason: optionalReason('the findings of the review'),
  example: '<%= config.bin %> review --by "Jane Roe <jane@org>"',
})
export const reject = governanceCore({
  kind: 'reject',
  summary: 'Record the rejection of an approval request, with its reason.',
  by: 'Person or management role rejecting.',
  reason: {kind: 'string', required: true, description: 'Reason for the rejection (goes in the commit body).'},
  example: '<%= config.bin %> reject --by "Jane Roe <jane@org>" --reason "missing bias evidence for age subgroup"',
})
export const retire = governanceCore({
  kind: 'retire',
  summary: 'Record the withdrawal of the system from the market or from operation.',
  by: 'Person or role retiring the system.',
  reason: optionalReason('why the system is withdrawn'),
  example: '<%= config.bin %> retire --by "Jane Roe <jane@org>" --reason "end of operational lifecycle"',
})
