import { AckPolicy, DeliverPolicy, type ConsumerConfig, type JetStreamManager } from 'nats'

/**
 * How long the server waits for an ack before it sends a message again. A message handed to a
 * connection that died with its node comes back only after this, and its writer's later events
 * wait for it (kept, see early-events.ts): this bounds the lag of a failover. Long enough that a
 * pull still queued in the client behind a 4,000-event transaction is not sent twice on a busy machine.
 */
export const ACK_WAIT_MS = 10_000

/**
 * The workstation's durable consumer. One ack covers everything delivered before it (AckPolicy.All):
 * an ack per event cost the client and the server more than reading it. An ack policy cannot be
 * changed, so this consumer has a name of its own; `formerDurableName` is the one versions with an
 * ack per event used, which it starts from.
 */
export const durableName = (origin: string): string => `virgil_${origin}_burst`
export const formerDurableName = (origin: string): string => `virgil_${origin}`

/** What each workstation's durable consumer is; an existing one is brought up to it on start. */
export function durableConfig(durable: string, filter: string, startSeq?: number): Partial<ConsumerConfig> & { durable_name: string } {
  return {
    durable_name: durable,
    ack_policy: AckPolicy.All,
    ...(startSeq ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startSeq } : { deliver_policy: DeliverPolicy.All }),
    filter_subject: filter,
    max_deliver: -1,
    ack_wait: ACK_WAIT_MS * 1_000_000,
    // A burst is acked after its commit; a bounded window (the server's default is 1,000) would cap
    // bursts at that size.
    max_ack_pending: -1
  }
}

const notFound = (err: unknown): boolean => /not found/i.test(err instanceof Error ? err.message : String(err))

/**
 * Creates the durable consumer, or updates one made by an earlier version (a 30 s ack wait and
 * the default ack-pending window). A new one starts where the former consumer (an ack per event)
 * had acked everything, so nothing is read twice but what it had not acked; the former one is
 * then deleted where the NATS user may (docs/nats/team.conf does not let analysts delete
 * consumers: the admin can, `nats consumer rm`).
 */
export async function ensureDurable(jsm: JetStreamManager, stream: string, durable: string, filter: string, former?: string): Promise<void> {
  const existing = await jsm.consumers.info(stream, durable).catch((err: unknown) => {
    if (notFound(err)) return undefined
    throw err
  })
  if (existing) {
    const config = durableConfig(durable, filter)
    if (existing.config.ack_wait !== config.ack_wait || existing.config.max_ack_pending !== config.max_ack_pending) {
      await jsm.consumers.update(stream, durable, { ack_wait: config.ack_wait, max_ack_pending: config.max_ack_pending })
    }
    return
  }
  const before = former ? await jsm.consumers.info(stream, former).catch(() => undefined) : undefined
  await jsm.consumers.add(stream, durableConfig(durable, filter, before ? before.ack_floor.stream_seq + 1 : undefined))
  if (before && former) await jsm.consumers.delete(stream, former).catch(() => undefined)
}
