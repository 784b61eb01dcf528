import { test, expect } from '@playwright/test'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretName } from '../../src/shared/settings'
import { alertSourceToken } from '../../src/main/core/alerts/auth'
import { startServiceNow, type ServiceNowStandin } from '../standins/servicenow'
import { freePort } from '../support/free-port'
import { openSocket } from '../crash/crash-load'
import { removeDataDir, startServe, type ServeProcess } from './support/serve-process'

/** Every secret Virgil stores, set to a value that can only come from here. AWS keys are never stored (default chain). */
const SECRETS: Record<SecretName, string> = {
  'virustotal.apiKey': 'vt-plain-7f3a9c1e5b2d4f60a8e1',
  'servicenow.password': 'standin-password',
  'slack.botToken': 'xoxb-plain-1111-2222-bot',
  'slack.appToken': 'xapp-plain-1-A0-3333-app',
  'smtp.password': 'smtp-plain-pass-5e6f7a8b',
  'alerts.token': 'alerts-plain-secret-9c8d7e',
  'sync.token': 'nats-plain-token-4b3c2d1e',
  'sync.teamKey': 'team-plain-key-6a5b4c3d2e1f'
}

let snow: ServiceNowStandin
let serve: ServeProcess
test.afterEach(async () => {
  await serve.stop()
  await snow.close()
  removeDataDir(serve.dataDir)
})

test('no secret appears in plain text in the database, its WAL, logs, serve output, answers or exports', async () => {
  snow = await startServiceNow()
  const alertsPort = await freePort()
  serve = await startServe({ SERVICENOW_BASE_URL: snow.url, VIRGIL_ALERTS_PORT: String(alertsPort), VIRGIL_LOG_LEVEL: 'debug' })
  const answers: string[] = []
  const s = await openSocket(serve.url)
  const ask = async (channel: string, input: unknown) => {
    const r = await s.ask(channel, input)
    answers.push(JSON.stringify(r))
    return r
  }
  for (const [name, value] of Object.entries(SECRETS)) expect(await ask('secret:set', { name, value })).toMatchObject({ ok: true })
  await ask('settings:update', { patch: { servicenow: { baseUrl: snow.url, user: 'virgil.integration', assignmentGroup: '' } } })
  const made = await ask('incident:create', { title: 'Secrets audit', source: 'email', leader: 'Ana', impact: 'low', urgency: 'low' })
  const incidentId = (made.value as { id: string }).id
  await ask('chat:send', { incidentId, text: `the key is ${SECRETS['virustotal.apiKey'].slice(0, 4)}…` })
  await ask('chat:send', { incidentId, text: '!vtip 203.0.113.9' })
  const alert = await fetch(`http://127.0.0.1:${alertsPort}/alerts/generic`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alertSourceToken(SECRETS['alerts.token'], 'generic')}` },
    body: JSON.stringify({ source: 'audit', type: 'test', severity: 'low', title: 'Secrets audit alert', occurredAt: new Date().toISOString() })
  })
  answers.push(await alert.text())
  await expect.poll(() => snow.incidents.length, { timeout: 15_000 }).toBeGreaterThan(0)
  for (const channel of ['settings:get', 'status:get', 'session:get', 'incident:list']) await ask(channel, {})
  const exported = await ask('incident:export', { id: incidentId })
  const wal = join(serve.dataDir, 'virgil.db-wal')
  const walWhileRunning = existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)
  s.close()
  await serve.stop()

  const files = readdirSync(serve.dataDir, { recursive: true, encoding: 'utf8' }).map((f) => join(serve.dataDir, f)).filter((f) => statSync(f).isFile())
  const haystacks: [string, Buffer][] = [
    ['WAL while running', walWhileRunning],
    ['serve output', Buffer.from(serve.output())],
    ['socket answers', Buffer.from(answers.join('\n'))],
    ['export', Buffer.from(JSON.stringify(exported))]
  ]
  for (const f of files) haystacks.push([f, readFileSync(f)])
  // The grep can find things: the incident's title is in the database and the WAL.
  expect(haystacks.filter(([, b]) => b.includes(Buffer.from('Secrets audit'))).length).toBeGreaterThanOrEqual(2)
  const hits: string[] = []
  for (const [name, plain] of Object.entries(SECRETS)) {
    for (const [where, bytes] of haystacks) if (bytes.includes(Buffer.from(plain))) hits.push(`${name} in ${where}`)
  }
  console.log(`secret hits: ${hits.length} (${Object.keys(SECRETS).length} secrets × ${haystacks.length} places: ${haystacks.map(([w]) => w.replace(serve.dataDir, 'data')).join(', ')})`)
  expect(haystacks.length).toBeGreaterThanOrEqual(5)
  expect(hits).toEqual([])
})
