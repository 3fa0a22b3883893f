import {createHash} from 'node:crypto'
import {URL_NAMESPACE, canonicalJson, uuidV5} from '../canonical/index.js'

/** The hash a sei.lock section records for its inputs: sha256 of their canonical JSON. */
export function inputHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`
}

/** UUIDv5 of a name in the URL namespace: the reference's program_uid. */
export function uuidV5Url(name: string): string {
  return uuidV5(URL_NAMESPACE, name)
}
