/** The number of one part of a duration, a fraction allowed (`1`, `0.5`, `0,5`). */
const AMOUNT = String.raw`(\d+(?:[.,]\d+)?)`
const DURATION = new RegExp(
  String.raw`^P(?:${AMOUNT}Y)?(?:${AMOUNT}M)?(?:${AMOUNT}W)?(?:${AMOUNT}D)?` +
    String.raw`(?:T(?:${AMOUNT}H)?(?:${AMOUNT}M)?(?:${AMOUNT}S)?)?$`,
)

/** `date` plus an ISO 8601 duration, calendar-aware for years and months (P6M from 31 Aug is 28/29 Feb… clamped). */
export function addDuration(date: Date, duration: string): Date | undefined {
  const m = DURATION.exec(duration)
  if (!m) return undefined
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x.replace(',', '.'))))
  const out = new Date(date.getTime())
  const day = out.getUTCDate()
  out.setUTCDate(1)
  out.setUTCFullYear(out.getUTCFullYear() + Math.trunc(y))
  out.setUTCMonth(out.getUTCMonth() + Math.trunc(mo))
  const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate()
  out.setUTCDate(Math.min(day, lastDay))
  const ms = ((w * 7 + d) * 86_400 + h * 3600 + mi * 60 + s) * 1000
  return new Date(out.getTime() + ms)
}
