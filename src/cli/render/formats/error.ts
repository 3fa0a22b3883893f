import type {Check, FormatReport, Location} from './report.js'

/** What an error report needs of an error as output.ts reports it. */
type ErrorLike = {code: string; message: string; problems?: string[]; location?: Location}

// A problem string as the manifest formats it (formatProblem): `sei.yaml:14:7 risk.risks[2]: message`.
const LOCATED = /^(.+?):(\d+):(\d+) (.*)$/s

/** An error as checks: each located manifest problem, or the error itself at its file:line:col. */
export function errorReport(command: string, r: ErrorLike, version: string): FormatReport {
  const check = (message: string, location?: Check['location']): Check => ({
    suite: 'error',
    name: r.code,
    passed: false,
    message,
    level: 'error',
    rule: r.code,
    location,
    error: true,
  })
  const problems = (r.problems ?? []).map((p) => {
    const m = LOCATED.exec(p)
    return m ? check(`${r.code}: ${m[4]}`, {file: m[1], line: Number(m[2]), col: Number(m[3])}) : check(p)
  })
  const checks = problems.length > 0 ? problems : [check(`${r.code}: ${r.message}`, r.location)]
  return {command, headline: `error ${r.code}`, checks, version}
}
