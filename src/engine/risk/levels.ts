import {IMPACTS, LEVELS, LIKELIHOODS, type Impact, type Level, type Likelihood} from '../manifest/index.js'

// The ISO 23894 §6.4 5×5 matrix of DESIGN §4: score = likelihood × impact, banded. It reproduces every
// level of every reference bundle.

export const likelihoodScore = (l: Likelihood): number => LIKELIHOODS.indexOf(l) + 1
export const impactScore = (i: Impact): number => IMPACTS.indexOf(i) + 1
export const levelRank = (l: Level): number => LEVELS.indexOf(l)

/** The risk level of a likelihood and an impact: ≤6 LOW, 7–9 MEDIUM, 10–16 HIGH, ≥17 CRITICAL. */
export function riskLevel(likelihood: Likelihood, impact: Impact): Level {
  const score = likelihoodScore(likelihood) * impactScore(impact)
  if (score <= 6) return 'LOW'
  if (score <= 9) return 'MEDIUM'
  if (score <= 16) return 'HIGH'
  return 'CRITICAL'
}

export function maxLevel(levels: Level[]): Level | undefined {
  let best: Level | undefined
  for (const l of levels) if (best === undefined || levelRank(l) > levelRank(best)) best = l
  return best
}

/** `exceeds` when the level is above the appetite; no declared appetite tolerates only LOW. */
export function evaluateAgainst(level: Level, appetite: Level | undefined): 'within' | 'exceeds' {
  return levelRank(level) > levelRank(appetite ?? 'LOW') ? 'exceeds' : 'within'
}
