import WebSocket from 'ws'
import { alertSourceToken } from '../../src/main/core/alerts/auth'

/** What the client saw acknowledged: each must survive any crash that follows. */
export interface Ledger {
  messages: Set<string>
  /** alert id -> dedup key, for alerts answered 202/200. */
  alerts: Map<string, string>
  commandsSent: number
}

export const ALERT_SECRET = 'crash-harness-alert-secret'

type Answer = { id: number; result: { ok: boolean; value?: unknown; error?: { code: string; message: string } } }

/** A page on the serve socket that asks and awaits answers by id. */
export async function openSocket(serveUrl: string): Promise<{ ask(channel: string, input: unknown): Promise<Answer['result']>; close(): void }> {
  const u = new URL(serveUrl)
  const ws = new WebSocket(`ws://${u.host}/ws?token=${u.searchParams.get('token') ?? ''}`)
  const waiting = new Map<number, (r: Answer['result']) => void>()
  let next = 1
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as Answer & { t: string }
    if (f.t !== 'res') return
    waiting.get(f.id)?.(f.result)
    waiting.delete(f.id)
  })
  ws.on('error', () => undefined)
  ws.on('close', () => {
    for (const w of waiting.values()) w({ ok: false, error: { code: 'GONE', message: 'socket closed' } })
    waiting.clear()
  })
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok())
    ws.once('close', () => fail(new Error('socket did not open')))
  })
  return {
    ask: (channel, input) =>
      new Promise((resolve) => {
        const id = next++
        waiting.set(id, resolve)
        ws.send(JSON.stringify({ t: 'req', id, channel, input }), (err) => {
          if (err) resolve({ ok: false, error: { code: 'GONE', message: err.message } })
        })
      }),
    close: () => ws.terminate()
  }
}

/**
 * Writes chat lines, commands (one slow VirusTotal lookup that will be in flight at the kill) and
 * alerts as fast as answers come back, until `until` settles. Only answers count as acknowledged.
 */
export async function runLoad(serveUrl: string, alertsUrl: string, incidentId: string, ledger: Ledger, round: number, until: Promise<void>): Promise<void> {
  let stop = false
  void until.then(() => (stop = true))
  const socket = await openSocket(serveUrl).catch(() => undefined)
  if (!socket) return
  const chatLoop = async (lane: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      // Commands go both ways (with and without "!") so one of them runs whichever grammar is live.
      const text = i % 5 === 1 ? `!b64 encode r${round}l${lane}i${i}` : i % 5 === 3 ? `b64 encode r${round}l${lane}i${i}` : `round ${round} lane ${lane} line ${i}`
      if (i % 5 === 1 || i % 5 === 3) ledger.commandsSent++
      const r = await socket.ask('chat:send', { incidentId, text })
      if (r.ok) ledger.messages.add((r.value as { id: string }).id)
      else if (r.error?.code === 'GONE') return
    }
  }
  const slowLookup = async (): Promise<void> => {
    // A public address: documentation ranges (203.0.113.0/24) are refused before any lookup starts.
    for (const text of ['!vtip 8.8.8.8', 'vtip 8.8.8.8']) {
      ledger.commandsSent++
      void socket.ask('chat:send', { incidentId, text }).then((r) => {
        if (r.ok) ledger.messages.add((r.value as { id: string }).id)
      })
    }
  }
  const alertLoop = async (): Promise<void> => {
    const token = alertSourceToken(ALERT_SECRET, 'generic')
    for (let i = 0; !stop; i++) {
      const dedupKey = `r${round}-a${i}`
      const body = { source: 'crashtest', type: 'malware-detected', severity: 'low', title: `Crash alert ${dedupKey}`, occurredAt: new Date().toISOString(), dedupKey }
      try {
        const res = await fetch(`${alertsUrl}/alerts/generic`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
        const json = (await res.json()) as { ok: boolean; alertId?: string }
        if ((res.status === 202 || res.status === 200) && json.alertId) ledger.alerts.set(json.alertId, dedupKey)
      } catch {
        return
      }
    }
  }
  await slowLookup()
  await Promise.all([chatLoop(0), chatLoop(1), alertLoop()])
  socket.close()
}
