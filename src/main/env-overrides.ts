import type { Settings } from '../shared/settings'

/**
 * `VIRUSTOTAL_BASE_URL`-style overrides for every integration's base URL: how an operator points
 * Virgil at a proxy, and how tests point it at loopback stand-ins.
 */
export function settingsOverridesFromEnv(env: NodeJS.ProcessEnv, base: Partial<Settings> = {}): Partial<Settings> {
  const o: Record<string, Record<string, unknown>> = {}
  const put = (section: string, key: string, value: string | number | boolean | undefined): void => {
    if (value === undefined || value === '') return
    o[section] = { ...(o[section] ?? {}), [key]: value }
  }
  put('virustotal', 'baseUrl', env.VIRUSTOTAL_BASE_URL)
  put('rdap', 'baseUrl', env.RDAP_BASE_URL)
  put('servicenow', 'baseUrl', env.SERVICENOW_BASE_URL)
  put('slack', 'apiUrl', env.SLACK_API_URL)
  put('aws', 'endpoint', env.VIRGIL_AWS_ENDPOINT)
  if (env.VIRGIL_NATS_URL) {
    put('sync', 'enabled', true)
    put('sync', 'servers', env.VIRGIL_NATS_URL)
  }
  if (env.VIRGIL_ALERTS_PORT) {
    put('alerts', 'enabled', true)
    put('alerts', 'port', Number(env.VIRGIL_ALERTS_PORT))
  }
  return { ...base, ...(o as Partial<Settings>) }
}

/** `VIRGIL_UPLOAD_LIMIT_MB=200`: the largest evidence upload; unset or invalid keeps the 50 MB default. */
export function uploadLimitFromEnv(env: NodeJS.ProcessEnv): { uploadLimitBytes?: number } {
  const mb = Number(env.VIRGIL_UPLOAD_LIMIT_MB)
  if (!env.VIRGIL_UPLOAD_LIMIT_MB || !Number.isFinite(mb) || mb <= 0) return {}
  return { uploadLimitBytes: Math.round(mb * 1024 * 1024) }
}
