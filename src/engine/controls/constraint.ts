import {parseConstraintText} from '../manifest/index.js'

export type Operator = 'lt' | 'lte' | 'gt' | 'gte' | 'eq' | 'ne'
export type Constraint = {operator: Operator; threshold: number}

const TOKENS: Record<string, Operator> = {'<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte', '==': 'eq', '!=': 'ne'}

/** The written form of a bundle's operator token (`lt` → `<`; the reference also writes `neq`). */
export function operatorSymbol(operator: string): string {
  const symbol = Object.entries(TOKENS).find(([, op]) => op === operator)?.[0]
  return symbol ?? (operator === 'neq' ? '!=' : operator)
}

/** `"> 0.80"` → {operator: 'gt', threshold: 0.8}, the bundle's operator tokens; undefined if malformed. */
export function parseConstraint(text: string): Constraint | undefined {
  const parsed = parseConstraintText(text)
  return parsed && {operator: TOKENS[parsed.op], threshold: parsed.value}
}

export function satisfies(value: number, {operator, threshold}: Constraint): boolean {
  switch (operator) {
    case 'lt':
      return value < threshold
    case 'lte':
      return value <= threshold
    case 'gt':
      return value > threshold
    case 'gte':
      return value >= threshold
    case 'eq':
      return value === threshold
    case 'ne':
      return value !== threshold
  }
}

/**
 * True when the whole confidence interval lies on the passing side (the control is conclusive);
 * undefined without an interval, or for == and != where an interval cannot settle it.
 */
export function conclusive(
  ci: {ci_low?: number; ci_high?: number} | undefined,
  {operator, threshold}: Constraint,
): boolean | undefined {
  if (typeof ci?.ci_low !== 'number' || typeof ci.ci_high !== 'number') return undefined
  switch (operator) {
    case 'lt':
      return ci.ci_high < threshold
    case 'lte':
      return ci.ci_high <= threshold
    case 'gt':
      return ci.ci_low > threshold
    case 'gte':
      return ci.ci_low >= threshold
    default:
      return undefined
  }
}
