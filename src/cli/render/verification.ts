import {type EvidenceVerification, UNPINNED_NOTE} from '../../engine/evidence/index.js'
import type {KeyRotation} from '../../engine/history/index.js'
import {shortSha} from '../../engine/repo/index.js'

/** Where the trusted key came from, as every command says it. */
export function keyProvenance(v: Pick<EvidenceVerification, 'keyid' | 'keySource' | 'evidenceDir'>): string {
  return `key ${v.keyid || 'none'} (${
    v.keySource === 'pinned' ? 'pinned' : `from ${v.evidenceDir}/PUBKEY.txt; ${UNPINNED_NOTE}`
  })`
}

/** The lines `sei verify` prints (and `sei status` when the evidence does not verify). */
export function renderVerification(v: EvidenceVerification): string[] {
  const lines = v.files.map(
    (f) => `${f.valid ? 'ok  ' : 'FAIL'} ${v.evidenceDir}/${f.file}${f.reason ? `: ${f.reason}` : ''}`,
  )
  lines.push(
    `${v.valid ? 'firma VÁLIDA (valid signature)' : 'firma INVÁLIDA (invalid signature)'} · ${keyProvenance(v)}`,
  )
  return lines
}

/** One line per rotation, for people (the author escaped: it is history text). */
export function renderRotation(r: KeyRotation, escapeText: (t: string) => string): string {
  const when = `${shortSha(r.commit)} (${r.date.slice(0, 10)}, by ${escapeText(r.author)})`
  return `key rotation at ${when} in ${r.path}: old ${r.old} → new ${r.new}`
}
