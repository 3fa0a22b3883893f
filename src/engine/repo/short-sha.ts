/** How one-line reports abbreviate a commit, as `git log --oneline` does. */
export const SHORT_SHA_LENGTH = 7
/** How reports that list bundle revisions, or are signed, abbreviate a commit: unique in far longer histories. */
export const REVISION_SHA_LENGTH = 12

/** A commit id shortened for people to read; the full id stays in every machine-readable field. */
export function shortSha(sha: string, length = SHORT_SHA_LENGTH): string {
  return sha.slice(0, length)
}
