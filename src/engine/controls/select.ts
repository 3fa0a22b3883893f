import type {Manifest, Measure} from '../manifest/index.js'

export type MeasureOf = {measure: Measure; riskId: string}

/** Every measure of the register with its risk, in manifest order. */
export function allMeasures(manifest: Manifest): MeasureOf[] {
  return (manifest.risk?.risks ?? []).flatMap((risk) =>
    (risk.treat ?? []).flatMap((t) => (t.measures ?? []).map((measure) => ({measure, riskId: risk.id}))),
  )
}

/** Post-market plans (Art. 72 and declared attestations): lifecycle monitoring, never evaluated ex ante. */
export const isPostMarket = (m: Measure): boolean => (m.lifecycle ?? []).includes('monitoring')

/** Measured before release: no lifecycle given, or some phase other than monitoring. */
export const isExAnte = (m: Measure): boolean => !m.lifecycle?.length || m.lifecycle.some((l) => l !== 'monitoring')

/** The ex-ante controls a run evaluates: automated measures with an ex-ante phase (the OSCAL plan's requirements). */
export function exAnteControls(manifest: Manifest): MeasureOf[] {
  return allMeasures(manifest).filter(({measure}) => isExAnte(measure) && measure.evaluation !== 'manual')
}

/** The controls that block the risk gate (enforcement gate). */
export const blockingControls = (manifest: Manifest): MeasureOf[] =>
  exAnteControls(manifest).filter(({measure}) => measure.enforcement === 'gate')

export const enforcementMode = (m: Measure): string => {
  switch (m.enforcement ?? 'audit') {
    case 'gate':
      return 'block'
    case 'audit':
      return 'warn'
    default:
      return 'monitor'
  }
}
