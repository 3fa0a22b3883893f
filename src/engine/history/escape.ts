// Text read from the history (a --by value, a reason, an author) is printed for people: a control or
// separator character in it could repaint the terminal (ANSI escapes) or fake a line break. Printed
// escaped (\u001b, \u0085, …), it shows what is really there.

// C0 controls (tab and newline included), DEL, C1 controls (U+0085 NEL among them), U+2028, U+2029.
// eslint-disable-next-line no-control-regex
export const CONTROL_OR_SEPARATOR = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

// eslint-disable-next-line no-control-regex
const ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

/** `text` with every control or separator character shown as \uXXXX. */
export function escapeText(text: string): string {
  return text.replace(ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
