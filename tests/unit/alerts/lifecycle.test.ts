import { afterEach, describe, expect, it } from 'vitest'
import { settingsSchema } from '../../../src/shared/settings'
import { makeCore, type TestCore } from '../core/make-core'
import { freePort } from '../../support/free-port'

let t: TestCore
afterEach(async () => {
  await t.dispose()
})


describe('alert receiver lifecycle', () => {
  it('listens only when enabled with a port, follows Settings, and stops on close', async () => {
    t = makeCore()
    const { core } = t
    const alerts = core.alerts
    await alerts.ready()
    expect(alerts.receiverUrl()).toBeUndefined()

    const port = await freePort()
    const base = settingsSchema.parse({}).alerts
    await core.settings.update({ alerts: { ...base, enabled: true, port } }, core.actor())
    await alerts.ready()
    expect(alerts.receiverUrl()).toBe(`http://127.0.0.1:${port}`)
    // No token in the vault yet: the receiver refuses everything and says why.
    const refused = await fetch(`${alerts.receiverUrl()}/alerts/generic`, { method: 'POST', body: '{}' })
    expect(refused.status).toBe(401)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('Settings → Alerts')

    await core.settings.setSecret('alerts.token', 'master', core.actor())
    expect(alerts.sourceUrl('splunk')).toMatch(new RegExp(`^http://127.0.0.1:${port}/alerts/splunk/[\\w-]{43}$`))

    await core.settings.update({ alerts: { ...base, enabled: false, port } }, core.actor())
    await alerts.ready()
    expect(alerts.receiverUrl()).toBeUndefined()
    await expect(fetch(`http://127.0.0.1:${port}/alerts/generic`, { method: 'POST', body: '{}' })).rejects.toThrow()
  })
})
