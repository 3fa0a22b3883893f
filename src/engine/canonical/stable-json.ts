// The JSON text of every evidence file: Python's json.dumps(value, indent=2, ensure_ascii=False), no
// final newline (FORMATS.md §3). Auditors re-dump our files with Python, so the bytes must agree:
// floats print as Python's repr (shortest round-trip, `1.0` keeps its `.0`, `1e-05`), integers as
// integers. JavaScript has one number type, so a float with an integral value is carried as JsonFloat.

/** A float whose value is integral (`1.0`), kept distinct from the integer `1`. */
export class JsonFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value
  }
  toJSON(): number {
    return this.value
  }
}

/** Marks a number as a float for the writer (the reference promotes metric values to floats). */
export function asFloat(n: number): number | JsonFloat {
  return Number.isInteger(n) ? new JsonFloat(n) : n
}

/** The plain number of a value that may be a JsonFloat (or undefined when it is not a number). */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return v
  if (v instanceof JsonFloat) return v.value
  return undefined
}

/**
 * Parses evidence JSON keeping integral floats (`1.0`) as JsonFloat so stableJson re-writes the same
 * bytes. Every other number is a plain number.
 */
export function parseEvidenceJson(text: string): unknown {
  return JSON.parse(text, (_key, value, context?: {source?: string}) => {
    if (typeof value === 'number' && Number.isInteger(value) && context?.source && /[.eE]/.test(context.source))
      return new JsonFloat(value)
    return value
  })
}

/** Python's float repr: shortest round-trip digits, exponent form when the exponent is < -4 or >= 16. */
export function pythonFloat(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`evidence JSON cannot hold ${n}`)
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0'
  const [mantissa, exp] = n.toExponential().split('e')
  const digits = mantissa.replace('-', '').replace('.', '')
  const sign = n < 0 ? '-' : ''
  const e = Number(exp)
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`
  if (digits.length <= e + 1) return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}.0`
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`
}

function scalar(v: unknown): string | undefined {
  if (v === null) return 'null'
  if (v instanceof JsonFloat) return pythonFloat(v.value)
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v)
    case 'boolean':
      return v ? 'true' : 'false'
    case 'number':
      if (Number.isInteger(v)) {
        if (!Number.isSafeInteger(v)) throw new TypeError(`evidence JSON cannot hold the integer ${v} exactly`)
        return Object.is(v, -0) ? '0' : String(v)
      }
      return pythonFloat(v)
    default:
      return undefined
  }
}

function write(v: unknown, indent: string, out: string[]): void {
  const s = scalar(v)
  if (s !== undefined) {
    out.push(s)
    return
  }
  const inner = `${indent}  `
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]')
      return
    }
    out.push('[')
    v.forEach((item, i) => {
      out.push(i === 0 ? `\n${inner}` : `,\n${inner}`)
      write(item === undefined || typeof item === 'function' ? null : item, inner, out)
    })
    out.push(`\n${indent}]`)
    return
  }
  if (typeof v === 'object') {
    const entries = (v instanceof Map ? [...v.entries()] : Object.entries(v as object)).filter(
      ([, x]) => x !== undefined && typeof x !== 'function',
    )
    if (entries.length === 0) {
      out.push('{}')
      return
    }
    out.push('{')
    entries.forEach(([k, x], i) => {
      out.push(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(String(k))}: `)
      write(x, inner, out)
    })
    out.push(`\n${indent}}`)
    return
  }
  throw new TypeError(`evidence JSON cannot hold a ${typeof v}`)
}

/** The evidence text of a value (a Map keeps its key order, as a JS object cannot for keys like "1"). */
export function stableJson(value: unknown): string {
  const out: string[] = []
  write(value, '', out)
  return out.join('')
}
