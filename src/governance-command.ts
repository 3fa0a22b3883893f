import type {Act, ActKind} from './engine/history/index.js'
import {SeiCommand} from './sei-command.js'

/** What request/approve/review/reject/retire share: record one act as an empty commit on HEAD. */
export abstract class GovernanceCommand extends SeiCommand<Act> {
  static exitCodes = {
    ...SeiCommand.exitCodes,
    '2': 'invalid --by/--reason (a control or separator character, a forged trailer, a line that changes how git reads trailers), or a repository with no commit yet',
  }
  protected abstract readonly kind: ActKind

  async run(): Promise<Act> {
    const {flags} = (await this.parse(this.constructor as typeof GovernanceCommand)) as unknown as {
      flags: {repo: string; by: string; reason?: string}
    }
    const {requireGitRepo} = await import('./engine/repo/index.js')
    const {approvedEvidence, escapeText, governanceCommit} = await import('./engine/history/index.js')
    const root = await requireGitRepo(flags.repo)
    const approves = this.kind === 'approve' ? await approvedEvidence(root) : undefined
    const act = governanceCommit(root, this.kind, {by: flags.by, reason: flags.reason, approves})
    if (!this.jsonEnabled()) {
      this.log(
        `recorded ${this.kind} by ${escapeText(act.by)} as commit ${act.commit.slice(0, 7)} (${act.date}), authored by ${escapeText(act.author)}; your staged and unstaged changes are untouched`,
      )
      if (approves)
        this.log(
          `approved: ${approves.bundle ? `bundle ${approves.bundle}, gate ${approves.gate}, signature ${approves.signature}` : 'no bundle (nothing has been run)'}`,
        )
    }
    return act
  }
}
