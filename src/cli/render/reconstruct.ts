import {type Act, escapeText as esc, type ReconstructReport, type ReconstructRun} from '../../engine/history/index.js'
import {shortSha} from '../../engine/repo/index.js'
import {renderRotation, renderVerification} from './verification.js'

const short = (sha?: string | null) => (sha ? shortSha(sha) : '—')
const day = (iso?: string) => (iso ? iso.slice(0, 10) : '—')
const num = (v: number | null) => (v === null ? '—' : String(Math.round(v * 1000) / 1000))

/** The --by value, then who really made the commit (author, and committer when another): history text, escaped. */
function actors(act: Act): string {
  const committer = act.committer && act.committer !== act.author ? `, committed by ${esc(act.committer)}` : ''
  return `${esc(act.by)} [commit by ${esc(act.author)}${committer}]`
}

/** What an approval approved, when sei approve recorded it: the gate and signature of that bundle. */
function approvedWhat(act: Act | undefined): string {
  const e = act?.approves
  if (!e) return ''
  const notes: string[] = []
  if (e.bundle === null) notes.push('approved without a bundle')
  if (e.gate === 'RED') notes.push('approved while RED')
  if (e.signature === 'invalid' || e.signature === 'none') notes.push('approved an unsigned bundle')
  return `${e.bundle ? `; bundle ${e.bundle.slice(0, 19)}…` : ''}${notes.length > 0 ? ` — ${notes.join(', ')}` : ''}`
}

function approvalLine(a: ReconstructReport['payload']['approval']): string {
  const who = a.act ? ` by ${actors(a.act)} at ${short(a.act.commit)} (${day(a.act.date)})` : ''
  switch (a.state) {
    case 'none':
      return 'approval: none requested yet'
    case 'pending':
      return `approval: PENDING — requested${who}`
    case 'approved':
      return (
        `approval: APPROVED${who}${approvedWhat(a.act)}` +
        `${a.review_due ? `; periodic review due ${day(a.review_due)}` : ''}`
      )
    case 'stale': {
      const run =
        a.stale_by?.commit === 'uncommitted'
          ? 'then a run not committed yet'
          : `then a run at ${short(a.stale_by?.commit)} (${day(a.stale_by?.date)})`
      const by = a.approval ? ` by ${actors(a.approval)} at ${short(a.approval.commit)} (${day(a.approval.date)})` : ''
      return `approval: STALE — approved${by}${approvedWhat(a.approval)}, ${run} changed the evidence; re-approve`
    }
    case 'under_review':
      return a.review_reason === 'interval'
        ? `approval: UNDER PERIODIC REVIEW — the review interval elapsed on ${day(a.review_due)} ` +
            `(approved by ${a.approval ? actors(a.approval) : '—'} at ${short(a.approval?.commit)})`
        : `approval: UNDER PERIODIC REVIEW — reviewed${who}; management must re-approve`
    case 'rejected':
      return `approval: REJECTED${who}: ${esc(a.act?.reason ?? '')}`
    case 'retired':
      return `approval: RETIRED${who}${a.act?.reason ? `: ${esc(a.act.reason)}` : ''}`
  }
}

/** A per-risk timeline a person reads at a glance. */
export function renderReconstruct(report: ReconstructReport): string {
  const p = report.payload
  // A withdrawn system says so first: everything below is its history, not a system in service.
  const retired = p.approval?.state === 'retired' ? ' [RETIRED]' : ''
  const lines: string[] = [
    `${p.system_name}${retired}: ${p.snapshots.length} evidence run(s) in history, as of ${p.as_of}`,
  ]
  for (const r of p.risks) {
    lines.push('', `${r.risk_id}${r.title ? ` — ${r.title}` : ''}  [${r.residual.state}] priority ${r.priority}`)
    lines.push(
      `  ① identified  ${
        r.identification
          ? `${short(r.identification.commit)} ${day(r.identification.date)} ${esc(r.identification.author)}`
          : 'not found in the committed manifests'
      }`,
    )
    lines.push(
      `  ② analysed    ${r.analysis.likelihood} × ` +
        `${r.analysis.dimensions.map((d) => `${d.dimension} ${d.impact}`).join(', ')} → ${r.analysis.inherent_overall}`,
    )
    const level = (dim: string) => r.analysis.dimensions.find((d) => d.dimension === dim)?.inherent_level
    const over = r.evaluation.dimensions
      .filter((d) => d.inherent_eval === 'exceeds')
      .map((d) => `${d.dimension} ${level(d.dimension)} > ${d.appetite ?? 'no appetite'}`)
    lines.push(
      `  ③ evaluated   ${
        over.length > 0 ? `exceeds appetite (${over.join('; ')}): treatment required` : 'within appetite'
      }`,
    )
    if (r.treatment.arcs.length === 0)
      lines.push(
        `  ④ treated     ${
          r.treatment.controls.length > 0
            ? `no FAIL→PASS change; controls now ${r.treatment.controls
                .map((c) => `${c.control_id} ${c.passed ? 'PASS' : 'FAIL'}`)
                .join(', ')}`
            : 'no evaluated control'
        }`,
      )
    for (const a of r.treatment.arcs) {
      const arrow = a.kind === 'Treatment' ? 'FAIL→PASS' : 'PASS→FAIL (regression)'
      lines.push(
        `  ④ ${a.kind === 'Treatment' ? 'treated  ' : 'regressed'}   ${a.control_id} ${arrow}: ` +
          `${num(a.from.value)} at ${short(a.from.commit)} → ${num(a.to.value)} at ${short(a.to.commit)}; ` +
          `change ${a.treatment_commits.map(short).join(', ') || '—'}`,
      )
    }
    lines.push(
      `  ⑤ residual    ${
        r.residual.residual_overall ? `${r.residual.residual_overall} (${r.residual.likelihood})` : 'not declared'
      }, ${r.residual.exceeds ? 'exceeds' : 'within'} appetite → ${r.residual.state}`,
    )
  }
  lines.push('', approvalLine(p.approval))
  if (p.priority.length > 0) lines.push(`priority: ${p.priority.map((id, i) => `${i + 1}. ${id}`).join('  ')}`)
  for (const i of p.ignored_acts ?? []) {
    lines.push(
      `warning: ${short(i.commit)} (${day(i.date)}, author ${esc(i.author)}` +
        `${i.committer !== i.author ? `, committer ${esc(i.committer)}` : ''}) ` +
        `carries a governance trailer (${i.kind} by ${esc(i.by)}) but is not a governance act: ${i.why}`,
    )
  }
  for (const r of p.key_rotations ?? []) lines.push(renderRotation(r, esc))
  return lines.join('\n')
}

/** What `sei reconstruct` prints: the report, the evidence's signature (and which key it trusted), what --out wrote. */
export function renderReconstructRun(r: ReconstructRun): string {
  const lines = [renderReconstruct(r)]
  if (r.verification) {
    const v = renderVerification(r.verification)
    lines.push('', ...(r.verification.valid ? v.slice(-1) : v))
  }
  if (r.written) lines.push('', `wrote ${r.written.join(', ')}`)
  return lines.join('\n')
}
