import {ExitCode, SeiError} from '../errors.js'
import {type Manifest, parseManifest} from '../manifest/index.js'
import {blocksGate, recordedGate} from '../controls/index.js'
import {type RiskAnalysis, analyseRisks, cycleState, type CycleState, residualExceeds} from '../risk/index.js'
import type {ApprovalState} from './approval.js'
import {approvalOfTimeline} from './approval-now.js'
import type {IgnoredAct} from './acts.js'
import {shallowError} from './git.js'
import {shortSha} from '../repo/index.js'
import {type KeyRotation, rotationsOf} from './keys.js'
import type {LoggedCommit} from './log.js'
import {type BundleRevision, readTimeline, riskIdsOf, type Timeline} from './timeline.js'

type Result = {
  control_id: string
  risk_id?: string
  passed?: boolean
  actual_value?: number | null
  enforcement_mode?: string
}
type Point = {commit: string; date: string; value: number | null; run_on?: string}

export type Arc = {
  kind: 'Treatment' | 'Regression'
  control_id: string
  from: Point
  to: Point
  treatment_commits: string[]
}

export type RiskTimeline = {
  risk_id: string
  title?: string
  identification: {commit: string; date: string; author: string; declared_in?: string} | null
  analysis: {
    likelihood: string
    dimensions: {dimension: string; impact: string; inherent_level: string}[]
    inherent_overall: string
  }
  evaluation: {dimensions: {dimension: string; appetite?: string; inherent_eval: string}[]; requires_treatment: boolean}
  treatment: {controls: {control_id: string; passed: boolean; value: number | null; blocking: boolean}[]; arcs: Arc[]}
  residual: {likelihood?: string; residual_overall?: string; exceeds: boolean; state: CycleState}
  priority: number
  assessment: RiskAnalysis
}

export type ReconstructReport = {
  schema_version: 1
  kind: 'reconstruct'
  system: string
  payload: {
    system_name: string
    as_of: string
    manifest_commit: string | null
    snapshots: {sha: string; date: string; subject: string; gate: 'GREEN' | 'RED' | 'UNREADABLE'; run_on?: string}[]
    risks: RiskTimeline[]
    approval: ApprovalState
    priority: string[]
    /**
     * Commits with a governance trailer that are not acts
     * (not empty, ambiguous, unsigned when signed acts are required).
     */
    ignored_acts: IgnoredAct[]
    /** Whether only acts with a signature git verifies were counted. */
    require_signed_acts: boolean
    /** Every change of PUBKEY.txt in the history. */
    key_rotations: KeyRotation[]
  }
}

const results = (b: BundleRevision): Result[] => (b.bundle?.control_results as Result[] | undefined) ?? []
const runOn = (b: BundleRevision): string | undefined => (b.bundle?.triple as {code?: string} | undefined)?.code
const actualValue = (r: Result | undefined): number | null =>
  typeof r?.actual_value === 'number' ? r.actual_value : null

/** Every FAIL→PASS (and PASS→FAIL) change of each control across the bundle revisions, with the commits in between. */
function arcsOf(timeline: Timeline): Map<string, Arc[]> {
  const index = new Map(timeline.commits.map((c, i) => [c.sha, i]))
  const last = new Map<string, {rev: BundleRevision; result: Result}>()
  const arcs = new Map<string, Arc[]>()
  for (const rev of timeline.bundles) {
    for (const r of results(rev)) {
      const prev = last.get(r.control_id)
      last.set(r.control_id, {rev, result: r})
      if (!prev || Boolean(prev.result.passed) === Boolean(r.passed)) continue
      // The treatment is what was committed between the failing run and the passing one, runs and acts aside.
      const from = index.get(prev.rev.commit.sha)!
      const to = index.get(rev.commit.sha)!
      const between = timeline.commits
        .slice(from + 1, to + 1)
        .filter((c) => !timeline.isRun(c) && !timeline.acts.has(c.sha))
        .map((c) => c.sha)
      const anchored = runOn(rev)
      if (anchored && index.has(anchored) && !between.includes(anchored) && index.get(anchored)! > from)
        between.push(anchored)
      const arc: Arc = {
        kind: r.passed ? 'Treatment' : 'Regression',
        control_id: r.control_id,
        from: {
          commit: prev.rev.commit.sha,
          date: prev.rev.commit.date,
          value: actualValue(prev.result),
          run_on: runOn(prev.rev),
        },
        to: {commit: rev.commit.sha, date: rev.commit.date, value: actualValue(r), run_on: anchored},
        treatment_commits: between,
      }
      const riskId = r.risk_id ?? ''
      const list = arcs.get(riskId)
      if (list) list.push(arc)
      else arcs.set(riskId, [arc])
    }
  }
  return arcs
}

const escapeRegex = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * ① Identification is the first commit whose manifest text mentions the risk id (as the reference
 * engine does: an id named in a misuse's `addressed_by` is identified there, before the register
 * declares it); `declared` is the first commit whose register lists it.
 */
function identification(
  timeline: Timeline,
  ids: string[],
): Map<string, {mentioned?: LoggedCommit; declared?: LoggedCommit}> {
  const out = new Map(ids.map((id) => [id, {} as {mentioned?: LoggedCommit; declared?: LoggedCommit}]))
  const patterns = new Map(ids.map((id) => [id, new RegExp(`(^|[^\\w.-])${escapeRegex(id)}($|[^\\w.-])`)]))
  for (const rev of timeline.manifests) {
    const declared = new Set(riskIdsOf(rev.manifest))
    for (const id of ids) {
      const e = out.get(id)!
      if (!e.mentioned && rev.text && patterns.get(id)!.test(rev.text)) e.mentioned = rev.commit
      if (!e.declared && declared.has(id)) e.declared = rev.commit
    }
  }
  return out
}

/** The history as it stood at `asOf`: later commits do not exist yet for this report. */
function until(timeline: Timeline, asOf: Date): Timeline {
  const keep = (c: LoggedCommit) => c.time <= asOf.getTime()
  const commits = timeline.commits.filter(keep)
  const bundles = timeline.bundles.filter((b) => keep(b.commit))
  const runs = new Set(bundles.map((b) => b.commit.sha))
  const acts = new Map([...timeline.acts].filter(([, a]) => Date.parse(a.date) <= asOf.getTime()))
  return {
    ...timeline,
    commits,
    bundles,
    manifests: timeline.manifests.filter((m) => keep(m.commit)),
    keys: timeline.keys.filter((k) => Date.parse(k.commit.date) <= asOf.getTime()),
    isRun: (c) => runs.has(c.sha),
    acts,
    ignoredActs: timeline.ignoredActs.filter((a) => Date.parse(a.date) <= asOf.getTime()),
  }
}

/**
 * `sei reconstruct`: the ISO 23894 cycle of every risk of the current register, replayed from git
 * (deterministic, no model): ① identification ② analysis ③ evaluation ④ treatment arcs ⑤ residual
 * state, plus the approval state and the treatment priority.
 */
export async function reconstruct(
  root: string,
  options: {asOf?: Date; requireSignedActs?: boolean} = {},
): Promise<ReconstructReport> {
  const asOf = options.asOf ?? new Date()
  const full = await readTimeline(root, {requireSignedActs: options.requireSignedActs})
  if (full.shallow) throw shallowError()
  const timeline = until(full, asOf)
  const latestManifest = timeline.manifests.at(-1)
  if (!latestManifest?.text) {
    throw new SeiError(
      'NO_MANIFEST_HISTORY',
      'no committed sei.yaml (or froga.yaml, venth.yaml) in this history: there is no risk register to reconstruct',
      {exit: ExitCode.failed, actions: ['Commit sei.yaml (see `sei init`), run `sei run` and commit the evidence.']},
    )
  }
  const {manifest, problems} = parseManifest(latestManifest.text, latestManifest.path)
  if (!manifest) {
    throw new SeiError(
      'MANIFEST_INVALID',
      `${latestManifest.path} at ${shortSha(latestManifest.commit.sha)} is not a valid manifest`,
      {
        problems: problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.message}`),
        actions: [`Fix ${latestManifest.path} (\`sei status\` locates each problem) and commit it.`],
      },
    )
  }
  const latest = timeline.bundles.at(-1)
  const latestResults = latest ? results(latest).map((r) => ({...r, passed: Boolean(r.passed)})) : []
  const {risk_analysis} = analyseRisks(manifest as Manifest, latestResults)
  const approval = approvalOfTimeline(root, timeline, {
    asOf,
    now: options.asOf === undefined,
    reviewInterval: manifest.risk?.review_interval,
  })
  const firstSeen = identification(
    timeline,
    (manifest.risk?.risks ?? []).map((r) => r.id),
  )
  const arcs = arcsOf(timeline)
  const byId = new Map((manifest.risk?.risks ?? []).map((r) => [r.id, r]))

  const risks: RiskTimeline[] = risk_analysis.map((a) => {
    const seen = firstSeen.get(a.risk_id)
    const id = seen?.mentioned
    const mine = latestResults.filter((r) => r.risk_id === a.risk_id)
    return {
      risk_id: a.risk_id,
      title: byId.get(a.risk_id)?.title,
      identification: id ? {commit: id.sha, date: id.date, author: id.author, declared_in: seen?.declared?.sha} : null,
      analysis: {
        likelihood: a.likelihood,
        dimensions: a.dimensions.map((d) => ({
          dimension: d.dimension,
          impact: d.impact,
          inherent_level: d.inherent_level,
        })),
        inherent_overall: a.inherent_overall,
      },
      evaluation: {
        dimensions: a.dimensions.map((d) => ({
          dimension: d.dimension,
          appetite: d.appetite,
          inherent_eval: d.inherent_eval,
        })),
        requires_treatment: a.requires_treatment,
      },
      treatment: {
        controls: mine.map((r) => ({
          control_id: r.control_id,
          passed: r.passed,
          value: actualValue(r),
          blocking: blocksGate(r),
        })),
        arcs: arcs.get(a.risk_id) ?? [],
      },
      residual: {
        likelihood: a.residual_declared_likelihood,
        residual_overall: a.residual_overall,
        exceeds: residualExceeds(a),
        state: cycleState(a, {evaluatedControls: mine.length, approvalCurrent: approval.state === 'approved'}),
      },
      priority: a.priority,
      assessment: a,
    }
  })
  const snapshots = timeline.bundles.map((b) => {
    const rs = results(b)
    const gate = b.bundle ? recordedGate(rs) : ('UNREADABLE' as const)
    return {sha: b.commit.sha, date: b.commit.date, subject: b.commit.subject, gate, run_on: runOn(b)}
  })
  return {
    schema_version: 1,
    kind: 'reconstruct',
    system: manifest.system.name,
    payload: {
      system_name: manifest.system.name,
      as_of: asOf.toISOString(),
      manifest_commit: latestManifest.commit.sha,
      snapshots,
      risks,
      approval,
      priority: [...risks].sort((x, y) => x.priority - y.priority).map((r) => r.risk_id),
      ignored_acts: timeline.ignoredActs,
      require_signed_acts: timeline.requireSignedActs,
      key_rotations: rotationsOf(timeline.keys),
    },
  }
}
