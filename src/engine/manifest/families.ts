/** The three name families of the engine: sei today, froga and venth before it (DESIGN §3). */
export type Family = {
  name: 'sei' | 'froga' | 'venth'
  manifest: string
  lock: string
  evidenceDir: string
  trailerPrefix: string
}

export const FAMILIES: readonly Family[] = [
  {name: 'sei', manifest: 'sei.yaml', lock: 'sei.lock', evidenceDir: '.sei', trailerPrefix: 'Sei-'},
  {name: 'froga', manifest: 'froga.yaml', lock: 'froga.lock', evidenceDir: '.froga', trailerPrefix: 'Froga-'},
  {name: 'venth', manifest: 'venth.yaml', lock: 'venth.lock', evidenceDir: '.venth', trailerPrefix: 'Sei-'},
]
