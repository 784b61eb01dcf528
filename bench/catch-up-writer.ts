import type { LogEvent } from '../src/main/core/log/event'
import type { EventLog } from '../src/main/core/log/event-log'

/**
 * What a writer did while a workstation was away: 100 incidents opened one by one, then `count`
 * lines in all, written 1,000 at a time across them. Each yield is one write, in the writer's order.
 */
export function* catchUpWrites(log: EventLog, count: number): Generator<LogEvent[]> {
  const actor = { id: 'w', name: 'Writer' }
  const incidents = Array.from({ length: 100 }, (_, k) => `01BENCHINC${String(k).padStart(16, '0')}`)
  for (const id of incidents) {
    yield log.append([{ type: 'incident.opened', incidentId: id, actor, payload: { number: `INC-P-wswriter-${id.slice(-4)}`, title: 'catch-up', description: '', leader: 'Writer', members: [], conditions: [], source: 'email', impact: 'low', urgency: 'low', priority: 'P5' } }])
  }
  for (let done = incidents.length; done < count; done += 1000) {
    yield log.append(
      Array.from({ length: Math.min(1000, count - done) }, (_, i) => ({
        type: 'message.posted' as const,
        incidentId: incidents[(done + i) % incidents.length] as string,
        actor,
        payload: { text: `catch-up line ${done + i} about 203.0.113.${(done + i) % 250}`, via: 'app', at: Date.now() }
      }))
    )
  }
}
