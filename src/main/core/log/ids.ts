import { randomBytes } from 'node:crypto'
import { monotonicFactory } from 'ulid'

/**
 * ULIDs from a pooled CSPRNG: the library's default asks the OS for one byte at a time, which
 * was a large share of an append. Same randomness source, fetched 4 KB at once.
 */
export function pooledPrng(): () => number {
  let pool = randomBytes(4096)
  let at = 0
  return () => {
    if (at >= pool.length) {
      pool = randomBytes(4096)
      at = 0
    }
    return (pool[at++] as number) / 0xff
  }
}

export const newEventId = monotonicFactory(pooledPrng())
