import { vi } from 'vitest'
import type { Core, CoreOptions } from '../../../src/main/app'
import { installSlackMirror, type SlackMirror, type SlackMirrorDeps } from '../../../src/main/core/mirror'
import type { Incident, Message } from '../../../src/shared/domain'
import type { Settings } from '../../../src/shared/settings'
import { startSlackStandIn, type SlackStandIn, type SlackStandInOptions } from '../../standins/slack'
import { incidentInput, makeCore, type TestCore } from '../core/make-core'

/** Short timeouts so a test sees retries and reconnects in seconds rather than minutes. */
export const TUNING: NonNullable<SlackMirrorDeps['tuning']> = { timeoutMs: 2000, defaultRetryAfterMs: 300, pollMs: 100, reconnectDelayMs: 100 }

export const ALICE = 'U0ALICE001'
export const BOB = 'U0BOB00001'
export const CAROL = 'U0CAROL001'

export interface RigOptions {
  slack?: Partial<Settings['slack']>
  standIn?: SlackStandInOptions
  /** Leave the app-level token unset: inbound then runs on polling alone. */
  noAppToken?: boolean
  /** Overrides of TUNING (a shorter Slack timeout for hang tests). */
  tuning?: Partial<NonNullable<SlackMirrorDeps['tuning']>>
}

export interface MirrorRig {
  t: TestCore
  core: Core
  slack: SlackStandIn
  mirror: SlackMirror
  open(fields?: Partial<typeof incidentInput> & { members?: string[] }): Promise<Incident>
  /** Waits until the incident's channel exists and is linked, and answers its id. */
  channelOf(incidentId: string): Promise<string>
  room(incidentId: string): Promise<Message[]>
  /** Delivers everything due now, then waits until the outbox has nothing pending. */
  drain(): Promise<void>
  /** Moves every pending retry's due time to now: a compressed wait, not a skipped one. */
  fastForward(): void
  dispose(): Promise<void>
}

/**
 * A real core (SQLite file) with the Slack mirror on, pointed at the loopback Slack stand-in.
 * Ana (the analyst at this workstation) is mapped to Alice's Slack account by email and may run
 * commands; Bob is mapped by id but may not; Carol is not mapped at all.
 */
export async function startRig(options: RigOptions = {}): Promise<MirrorRig> {
  const slack = await startSlackStandIn(options.standIn)
  const tuning = { ...TUNING, ...options.tuning }
  const t = makeCore({ slackTuning: tuning } as Partial<CoreOptions>)
  const core = t.core
  const actor = core.actor()
  await core.settings.update(
    {
      analyst: { name: 'Ana' },
      slack: {
        enabled: true,
        apiUrl: slack.apiUrl,
        alertsChannel: '',
        userMap: { Ana: 'alice@soc.example', Bob: BOB },
        allowedRunners: ['Ana'],
        ...options.slack
      }
    },
    actor
  )
  await core.settings.setSecret('slack.botToken', slack.botToken, actor)
  if (!options.noAppToken) await core.settings.setSecret('slack.appToken', slack.appToken, actor)
  // Once app.ts installs the mirror the core carries it; until then the test installs it the same way.
  const wired = (core as Core & { slackMirror?: SlackMirror }).slackMirror
  const mirror = wired ?? installSlackMirror({ ...core, tuning })
  await mirror.ready()

  const rig: MirrorRig = {
    t,
    core,
    slack,
    mirror,
    async open(fields = {}) {
      return core.incidents.create({ ...incidentInput, conditions: [], members: [], ...fields } as Parameters<Core['incidents']['create']>[0], core.actor())
    },
    async channelOf(incidentId) {
      let id = ''
      await vi.waitFor(
        () => {
          const row = core.db.prepare('SELECT channel_id FROM slack_rooms WHERE incident_id = ?').get(incidentId) as { channel_id: string | null } | undefined
          if (!row?.channel_id) throw new Error('channel not linked yet')
          id = row.channel_id
        },
        { timeout: 8000, interval: 20 }
      )
      return id
    },
    async room(incidentId) {
      return (await core.chat.timeline(incidentId, undefined, 500)).items
    },
    async drain() {
      await core.outbox.drain(15_000)
      await core.outbox.idle()
    },
    fastForward() {
      core.db.prepare(`UPDATE outbox SET next_at = 0 WHERE status = 'pending'`).run()
      core.outbox.kick()
    },
    async dispose() {
      if (!wired) await mirror.close()
      await t.dispose()
      await slack.close()
    }
  }
  return rig
}

/** The text a reader sees in a Slack message: its blocks' text, else its fallback text. */
export function shown(message: { text: string; blocks?: unknown[] }): string {
  const parts: string[] = []
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object') return
    if (Array.isArray(value)) return value.forEach(walk)
    const record = value as Record<string, unknown>
    if (typeof record.text === 'string') parts.push(record.text)
    else walk(record.text)
    walk(record.fields)
    walk(record.elements)
  }
  walk(message.blocks ?? [])
  return parts.length ? parts.join('\n') : message.text
}
