import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {FAMILIES, findManifest} from '../manifest/index.js'
import {type ApprovalState, approvalStateOf} from './approval.js'
import type {Timeline} from './timeline.js'

/**
 * The bundle in the work tree (sha256:<hex>) beside the last committed one:
 * a run not committed yet shows as a difference.
 */
function workTreeBundle(root: string, timeline: Timeline): {digest: string; committed?: string} | undefined {
  const last = timeline.bundles.at(-1)
  const path = last?.path ?? `${(findManifest(root) ?? FAMILIES[0]).evidenceDir}/bundle.json`
  const file = join(root, path)
  if (!existsSync(file)) return undefined
  try {
    return {
      digest: `sha256:${createHash('sha256').update(readFileSync(file)).digest('hex')}`,
      committed: last?.path === path ? last.digest : undefined,
    }
  } catch {
    return undefined
  }
}

/**
 * The approval state of a timeline at `asOf`; when `now`, a bundle in the work tree that is not the
 * approved one (a run not committed yet) makes the approval stale as well.
 */
export function approvalOfTimeline(
  root: string,
  timeline: Timeline,
  options: {asOf: Date; now: boolean; reviewInterval?: string},
): ApprovalState {
  const digests = new Map(timeline.bundles.map((b) => [b.commit.sha, b.digest]))
  return approvalStateOf(timeline.commits, timeline.isRun, {
    asOf: options.asOf,
    reviewInterval: options.reviewInterval,
    acts: timeline.acts,
    runDigest: (c) => digests.get(c.sha),
    workTree: options.now ? workTreeBundle(root, timeline) : undefined,
  })
}
