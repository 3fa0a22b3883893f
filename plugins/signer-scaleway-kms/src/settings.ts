import {existsSync, readFileSync} from 'node:fs'
import {homedir} from 'node:os'
import {join} from 'node:path'
import {KmsError} from './kms-error.js'

type Env = Record<string, string | undefined>

/** Everything the signer needs to reach one Key Manager key, and where each value came from. */
export type KmsSettings = {
  keyId: string
  region: string
  apiURL?: string
  accessKey: string
  secretKey: string
  defaultProjectId?: string
  defaultOrganizationId?: string
  timeoutMs: number
  /** `environment` or `profile <name> (<file>)`, for error messages. */
  credentialsFrom: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
export const DEFAULT_TIMEOUT_MS = 30_000

/**
 * The scw CLI's config file: SCW_CONFIG_PATH, else $XDG_CONFIG_HOME/scw/config.yaml, else
 * ~/.config/scw/config.yaml.
 */
export function scwConfigPath(env: Env): string {
  if (env.SCW_CONFIG_PATH) return env.SCW_CONFIG_PATH
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config')
  return join(base, 'scw', 'config.yaml')
}

type FileProfile = {
  accessKey?: string
  secretKey?: string
  apiURL?: string
  defaultRegion?: string
  defaultProjectId?: string
  defaultOrganizationId?: string
}

/**
 * The profile named by SCW_PROFILE (else the file's `active_profile`, else the top-level default) from
 * the scw config file, read with Scaleway's own loader. No file and no SCW_PROFILE: no profile.
 */
async function loadProfile(env: Env): Promise<{profile: FileProfile; from: string} | undefined> {
  const path = scwConfigPath(env)
  if (!existsSync(path)) {
    if (env.SCW_PROFILE)
      throw new KmsError('KMS_CONFIG', `SCW_PROFILE=${env.SCW_PROFILE} but there is no scw config file at ${path}`, [
        'Create it with `scw init`, point SCW_CONFIG_PATH at it, or unset SCW_PROFILE and set SCW_ACCESS_KEY / ' +
          'SCW_SECRET_KEY.',
      ])
    return undefined
  }
  const {loadAllProfilesFromConfigurationFile} = await import('@scaleway/configuration-loader')
  let profiles: Record<string, FileProfile>
  try {
    profiles = loadAllProfilesFromConfigurationFile({filepath: path})
  } catch (error) {
    throw new KmsError(
      'KMS_CONFIG',
      `cannot read the scw config file ${path}: ${(error as Error).message}`,
      ['Fix the file (see `scw config dump`) or set SCW_CONFIG_PATH.'],
      error,
    )
  }
  // The loader drops `active_profile`, which the scw CLI keeps at the top level of the same file.
  const active = /^active_profile:\s*["']?([^"'\s#]+)/m.exec(readFileSync(path, 'utf8'))?.[1]
  const name = env.SCW_PROFILE || active || 'default'
  const profile = profiles[name]
  if (!profile) {
    if (!env.SCW_PROFILE && !active) return undefined
    throw new KmsError(
      'KMS_CONFIG',
      `no profile "${name}" in ${path} (profiles: ${Object.keys(profiles).join(', ') || 'none'})`,
      ['Set SCW_PROFILE to one of the profiles in the file, or create it with `scw init -p <name>`.'],
    )
  }
  return {profile, from: `profile ${name} (${path})`}
}

function missing(what: string, variable: string, profileKey?: string): KmsError {
  const actions = [`Set ${variable} in the environment.`]
  if (profileKey)
    actions.push(`Or set ${profileKey} in the scw config file (\`scw init\`; SCW_PROFILE picks the profile).`)
  return new KmsError(
    'KMS_CONFIG',
    `${what} is not set: set ${variable}${profileKey ? ` (or ${profileKey} in the scw profile)` : ''}`,
    actions,
  )
}

/**
 * Settings from SEI_KMS_KEY_ID, the standard SCW_* variables and the scw profile; environment
 * variables win over the profile, as in Scaleway's own tools. Throws a KmsError naming what to set.
 */
export async function resolveSettings(env: Env): Promise<KmsSettings> {
  const keyId = env.SEI_KMS_KEY_ID?.trim()
  if (!keyId) throw missing('the Key Manager key id', 'SEI_KMS_KEY_ID')
  if (!UUID.test(keyId))
    throw new KmsError(
      'KMS_CONFIG',
      `SEI_KMS_KEY_ID="${keyId}" is not a Key Manager key id (a UUID such as 11111111-2222-3333-4444-555555555555)`,
      ['Copy the key id from `scw keymanager key list` or the console.'],
    )
  const loaded = await loadProfile(env)
  const p = loaded?.profile ?? {}
  const pick = (variable: string, fromProfile: string | undefined) => env[variable] || fromProfile || undefined
  const accessKey = pick('SCW_ACCESS_KEY', p.accessKey)
  const secretKey = pick('SCW_SECRET_KEY', p.secretKey)
  const region = pick('SCW_DEFAULT_REGION', p.defaultRegion)
  if (!accessKey) throw missing('the Scaleway access key', 'SCW_ACCESS_KEY', 'access_key')
  if (!secretKey) throw missing('the Scaleway secret key', 'SCW_SECRET_KEY', 'secret_key')
  if (!region) throw missing('the Key Manager region', 'SCW_DEFAULT_REGION', 'default_region')
  if (!/^SCW[A-Z0-9]{17}$/i.test(accessKey))
    throw new KmsError(
      'KMS_CONFIG',
      'the Scaleway access key is not SCW followed by 17 letters or digits (SCW_ACCESS_KEY)',
      ['Copy the access key of an IAM API key (console → IAM → API keys).'],
    )
  if (!UUID.test(secretKey))
    throw new KmsError('KMS_CONFIG', 'the Scaleway secret key is not a UUID (SCW_SECRET_KEY)', [
      'Copy the secret key of an IAM API key (console → IAM → API keys).',
    ])
  if (!/^[a-z]{2}-[a-z]{3}$/.test(region))
    throw new KmsError(
      'KMS_CONFIG',
      `the region "${region}" is not a Scaleway region such as fr-par, nl-ams or pl-waw (SCW_DEFAULT_REGION)`,
      ['export SCW_DEFAULT_REGION=fr-par (the region of the key).'],
    )
  const apiURL = pick('SCW_API_URL', p.apiURL)?.replace(/\/+$/, '')
  if (apiURL && !/^https?:\/\/[^/]/.test(apiURL))
    throw new KmsError('KMS_CONFIG', `SCW_API_URL="${apiURL}" is not an http(s) URL`, [
      'Unset SCW_API_URL to use https://api.scaleway.com.',
    ])
  const defaultProjectId = pick('SCW_DEFAULT_PROJECT_ID', p.defaultProjectId)
  const defaultOrganizationId = pick('SCW_DEFAULT_ORGANIZATION_ID', p.defaultOrganizationId)
  for (const [variable, value] of [
    ['SCW_DEFAULT_PROJECT_ID', defaultProjectId],
    ['SCW_DEFAULT_ORGANIZATION_ID', defaultOrganizationId],
  ] as const) {
    if (value && !UUID.test(value))
      throw new KmsError('KMS_CONFIG', `${variable}="${value}" is not a UUID`, [`Fix or unset ${variable}.`])
  }
  const rawTimeout = env.SEI_KMS_TIMEOUT_MS
  const timeoutMs = rawTimeout ? Number(rawTimeout) : DEFAULT_TIMEOUT_MS
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    throw new KmsError(
      'KMS_CONFIG',
      `SEI_KMS_TIMEOUT_MS="${rawTimeout}" is not a positive whole number of milliseconds`,
      [`Unset it (default ${DEFAULT_TIMEOUT_MS}) or set e.g. SEI_KMS_TIMEOUT_MS=10000.`],
    )
  const fromEnv = Boolean(env.SCW_ACCESS_KEY && env.SCW_SECRET_KEY)
  return {
    keyId,
    region,
    apiURL,
    accessKey,
    secretKey,
    defaultProjectId,
    defaultOrganizationId,
    timeoutMs,
    credentialsFrom: fromEnv || !loaded ? 'environment (SCW_ACCESS_KEY, SCW_SECRET_KEY)' : loaded.from,
  }
}
