import type { JsMsg } from 'nats'
import { incidentOfSubject } from './apply-batch'

/** How many early events one workstation keeps in memory; beyond it they are sent back for later. */
export const MAX_HELD = 20_000
const OVERFLOW_NAK_MS = 2_000

/**
 * Events that arrived before their writer's previous event (a gap in its chain, e.g. that one is
 * still on its way after a failover). Nak'ing them made the server send them again every 250 ms
 * and, with the ack-pending window full of them, never send the missing one: the stall of the
 * cluster bench. They are held here unacked instead and applied as soon as the missing event is;
 * meanwhile the server is told they are being worked on so it does not send them again. Nothing is
 * lost: unacked, they come back from the stream after a restart. One hold serves every feed of a
 * workstation, since an incident's chain can continue on another stream (restricted since).
 */
export class GapHold {
  /** By incident, then by stream and sequence (a copy sent again replaces the earlier one). */
  private readonly held = new Map<string, Map<string, JsMsg>>()
  private total = 0
  private readonly timer: NodeJS.Timeout

  constructor(
    ackWaitMs: number,
    private readonly max = MAX_HELD
  ) {
    this.timer = setInterval(() => {
      try {
        for (const msgs of this.held.values()) for (const m of msgs.values()) m.working()
      } catch {
        // The connection closed under them: they are dropped when it is replaced (drop()).
      }
    }, ackWaitMs / 3)
    this.timer.unref?.()
  }

  get size(): number {
    return this.total
  }

  /** Held from one stream (they are unacked on its consumer). */
  count(stream: string): number {
    let n = 0
    for (const msgs of this.held.values()) for (const m of msgs.values()) if (m.info.stream === stream) n++
    return n
  }

  hold(m: JsMsg): void {
    const incident = incidentOfSubject(m.subject)
    const key = `${m.info.stream}:${m.seq}`
    const msgs = this.held.get(incident)
    if (msgs?.has(key)) msgs.set(key, m)
    else if (this.total >= this.max) m.nak(OVERFLOW_NAK_MS)
    else {
      if (msgs) msgs.set(key, m)
      else this.held.set(incident, new Map([[key, m]]))
      this.total++
    }
  }

  /**
   * What is held for these incidents, in stream order, to apply again; what is still early comes
   * back through hold(). Only an incident whose chain moved can release anything, so a gap that
   * never closes (its writer gone before publishing) costs nothing while other rooms move on.
   */
  takeFor(incidents: ReadonlySet<string>): JsMsg[] {
    const out: JsMsg[] = []
    for (const incident of incidents) {
      const msgs = this.held.get(incident)
      if (!msgs) continue
      out.push(...msgs.values())
      this.held.delete(incident)
      this.total -= msgs.size
    }
    return out.sort((x, y) => x.seq - y.seq)
  }

  /** The connection they came on is gone: unacked, the server sends them again on the next one. */
  drop(): void {
    this.held.clear()
    this.total = 0
  }

  stop(): void {
    clearInterval(this.timer)
  }
}
