import { VirgilError } from '../../../../shared/errors'

/** Slack channel names: lowercase letters, digits, hyphens and underscores, at most 80 characters. */
export const CHANNEL_NAME_MAX = 80
const CHANNEL_NAME_RULE = /^[a-z0-9_-]{1,80}$/

export function isValidChannelName(name: string): boolean {
  return CHANNEL_NAME_RULE.test(name) && /[a-z0-9]/.test(name)
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // drop the accents NFKD split off: "Café" -> "cafe"
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/[-_]{2,}/g, (run) => (run.includes('-') ? '-' : '_'))
    .replace(/^[-_]+|[-_]+$/g, '')
}

/** Cuts to `max`, at a word boundary when one is near, so names do not end in half a word. */
function trimToLength(name: string, max: number): string {
  if (name.length <= max) return name
  const cut = name.slice(0, max)
  const boundary = /[-_]/.test(name.charAt(max)) ? max : cut.lastIndexOf('-')
  return (boundary > max - 20 ? cut.slice(0, boundary) : cut).replace(/[-_]+$/, '')
}

/** `incidentChannelName(42, 'Phishing: CEO mail')` -> `inc-0000042-phishing-ceo-mail`. */
export function incidentChannelName(incidentNumber: number, title: string): string {
  if (!Number.isSafeInteger(incidentNumber) || incidentNumber < 0) {
    throw new VirgilError('BAD_INPUT', `Incident number ${incidentNumber} cannot name a Slack channel: it must be a whole number ≥ 0.`)
  }
  const prefix = `inc-${String(incidentNumber).padStart(7, '0')}`
  const slug = slugify(title)
  return slug === '' ? prefix : trimToLength(`${prefix}-${slug}`, CHANNEL_NAME_MAX)
}

/**
 * The name to try after `attempt` collisions (attempt 1 -> `-2`, attempt 2 -> `-3`), shortened so the
 * suffix always fits in Slack's 80 characters.
 */
export function nextCollisionName(name: string, attempt: number): string {
  if (!Number.isSafeInteger(attempt) || attempt < 1) {
    throw new VirgilError('BAD_INPUT', `Collision attempt must be 1 or more, got ${attempt}.`)
  }
  const suffix = `-${attempt + 1}`
  return `${trimToLength(name, CHANNEL_NAME_MAX - suffix.length)}${suffix}`
}
