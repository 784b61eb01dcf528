import { AckPolicy, DeliverPolicy, type ConsumerConfig, type JetStreamManager } from 'nats'

/**
 * How long the server waits for an ack before it sends a message again. A message handed to a
 * connection that died with its node comes back only after this, and its writer's later events
 * wait for it (kept, see early-events.ts): this bounds the lag of a failover. Long enough that a
 * pull still queued in the client behind a 4,000-event transaction is not sent twice on a busy machine.
 */
export const ACK_WAIT_MS = 10_000

/** The workstation's durable consumer on each stream it reads. */
export const durableName = (origin: string): string => `virgil_${origin}`

/**
 * What each workstation's durable consumer is; an existing one is brought up to it on start.
 * An ack per event, not one per burst (AckPolicy.All): one ack covers every message the server
 * delivered before it, also those lost on the way with a node that died, which would then never
 * come back (seen in the cluster test: acked, neither applied nor kept).
 */
export function durableConfig(durable: string, filter: string): Partial<ConsumerConfig> & { durable_name: string } {
  return {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: filter,
    max_deliver: -1,
    ack_wait: ACK_WAIT_MS * 1_000_000,
    // A burst is acked after its commit; a bounded window (the server's default is 1,000) would cap
    // bursts at that size.
    max_ack_pending: -1
  }
}

/**
 * Creates the durable consumer, or updates one made by an earlier version (a 30 s ack wait and
 * the default ack-pending window). Servers before 2.10 update in place on create; later ones
 * refuse a create that changes a consumer, and are sent an update.
 */
export async function ensureDurable(jsm: JetStreamManager, stream: string, durable: string, filter: string): Promise<void> {
  const config = durableConfig(durable, filter)
  try {
    await jsm.consumers.add(stream, config)
  } catch (err) {
    if (!/already exists/i.test(err instanceof Error ? err.message : String(err))) throw err
    await jsm.consumers.update(stream, durable, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending })
  }
}
