import {createHash} from 'node:crypto'

/** Python's `json.dumps` string escaping with ensure_ascii (DVC hashes that text). */
function pyString(s: string): string {
  let out = '"'
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    if (ch === '"') out += '\\"'
    else if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (ch === '\r') out += '\\r'
    else if (ch === '\t') out += '\\t'
    else if (ch === '\b') out += '\\b'
    else if (ch === '\f') out += '\\f'
    else if (c < 0x20 || c > 0x7e) {
      const units = c > 0xffff ? [0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)] : [c]
      out += units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join('')
    } else out += ch
  }
  return `${out}"`
}

/**
 * DVC's directory hash: MD5 of `json.dumps(entries, sort_keys=True)` + `.dir`, entries sorted by
 * relpath (NOTES-toolchain "DVC's own hashes"), so it equals the `md5` DVC records for a directory.
 */
export function dvcDirManifest(entries: {md5: string; relpath: string}[]): string {
  const sorted = [...entries].sort((a, b) => (a.relpath < b.relpath ? -1 : a.relpath > b.relpath ? 1 : 0))
  const text = `[${sorted.map((e) => `{"md5": "${e.md5}", "relpath": ${pyString(e.relpath)}}`).join(', ')}]`
  return `${createHash('md5').update(text).digest('hex')}.dir`
}
