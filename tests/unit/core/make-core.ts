import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { createCore, type Core, type CoreOptions } from '../../../src/main/app'
import { aesGcmCipher } from '../../../src/main/core/vault/vault'

export interface TestCore {
  core: Core
  dataDir: string
  key: Buffer
  reopen(): Promise<Core>
  dispose(): Promise<void>
}

/** A real core on a real SQLite file in a fresh temp dir. */
export function makeCore(extra: Partial<CoreOptions> = {}): TestCore {
  const dataDir = mkdtempSync(join(tmpdir(), 'virgil-test-'))
  const key = randomBytes(32)
  const open = (): Core => createCore({ dataDir, cipher: aesGcmCipher(key), mode: 'serve', version: 'test', checkpointDir: `${dataDir}-checkpoints`, ...extra })
  const t: TestCore = {
    core: open(),
    dataDir,
    key,
    async reopen() {
      await t.core.close()
      t.core = open()
      return t.core
    },
    async dispose() {
      await t.core.close().catch(() => {})
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(`${dataDir}-checkpoints`, { recursive: true, force: true })
    }
  }
  return t
}

export async function call<T = unknown>(core: Core, channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input, core.actor())
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
  return result.value as T
}

export const incidentInput: {
  title: string
  description: string
  source: 'email' | 'alert' | 'phone'
  leader: string
  impact: 'high' | 'medium' | 'low'
  urgency: 'high' | 'medium' | 'low'
} = {
  title: 'Phishing mail to the CFO',
  description: 'Link to hxxp://login-micros0ft[.]com from 203.0.113.7',
  source: 'email',
  leader: 'Ana',
  impact: 'medium',
  urgency: 'medium'
}
