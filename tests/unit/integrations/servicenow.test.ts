import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ServiceNowClient, type NewIncident } from '../../../src/main/core/integrations/servicenow'
import { VirgilError } from '../../../src/shared/errors'
import { startServiceNow, type ServiceNowStandin } from '../../standins/servicenow'
import type { StandinRequest } from '../../standins/http-standin'

const incident: NewIncident = {
  shortDescription: 'Phishing: credential harvest via login-micros0ft.com',
  description: 'Three users entered credentials. See Virgil INC-2024-0042.',
  urgency: 1,
  impact: 2,
  correlationId: '01HXK3M8Q2V7R9T4W6Y8Z0A1B2',
  assignmentGroup: 'a715cd759f2002002920bde8132e7018'
}

const isCreate = (r: StandinRequest): boolean => r.method === 'POST'

describe('ServiceNowClient', () => {
  let sn: ServiceNowStandin
  let client: ServiceNowClient
  beforeEach(async () => {
    sn = await startServiceNow()
    client = new ServiceNowClient({ baseUrl: `${sn.url}/`, auth: { user: 'virgil.integration', password: 'standin-password' }, timeoutMs: 300 })
  })
  afterEach(async () => {
    await sn.close()
  })

  it('creates an incident over the Table API with Basic auth and returns its number and link', async () => {
    const ticket = await client.createIncident(incident)
    expect(ticket.number).toBe('INC0010001')
    expect(ticket.link).toBe(`${sn.url}/nav_to.do?uri=incident.do?sys_id=${ticket.sysId}`)
    const request = sn.requests[0]
    expect(request?.path).toBe('/api/now/table/incident')
    expect(request?.query.get('sysparm_display_value')).toBe('false')
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('virgil.integration:standin-password').toString('base64')}`)
    expect(sn.incidents[0]).toMatchObject({ urgency: '1', impact: '2', priority: '2', correlation_id: incident.correlationId, assignment_group: incident.assignmentGroup })
    expect((await client.createIncident({ ...incident, correlationId: 'other' })).number).toBe('INC0010002')
  })

  it('finds an incident by correlation id, with a Bearer token', async () => {
    const bearer = new ServiceNowClient({ baseUrl: sn.url, auth: { token: 'standin-oauth-token' } })
    expect(await bearer.findByCorrelationId(incident.correlationId)).toBeUndefined()
    const created = await bearer.createIncident(incident)
    const found = await bearer.findByCorrelationId(incident.correlationId)
    expect(found).toEqual({ ...created, created: false })
    const query = sn.requests.find((r) => r.method === 'GET')?.query
    expect(query?.get('sysparm_query')).toBe(`correlation_id=${incident.correlationId}`)
    expect(query?.get('sysparm_fields')).toBe('sys_id,number,correlation_id')
    expect(sn.requests[0]?.headers.authorization).toBe('Bearer standin-oauth-token')
  })

  it('files exactly one ticket when a create times out but landed, even if the check after it fails', async () => {
    sn.delayNextMs(2000, isCreate)
    sn.failWhen((r) => r.method === 'GET' && sn.incidents.length > 0, 503)
    const first = await createOnceError()
    expect(first.code).toBe('TIMEOUT')
    expect(first.message).toContain('ServiceNow did not answer within 0.3 s')
    expect(first.message).toContain('retrying is safe')
    expect(sn.incidents).toHaveLength(1)

    const retry = await client.createIncidentOnce(incident)
    expect(retry).toMatchObject({ number: 'INC0010001', created: false })
    expect(sn.incidents).toHaveLength(1)
    expect(sn.requests.filter(isCreate)).toHaveLength(1)
  })

  it('recovers within one call when the slow create can be seen right after the timeout', async () => {
    sn.delayNextMs(2000, isCreate)
    const ticket = await client.createIncidentOnce(incident)
    expect(ticket).toMatchObject({ number: 'INC0010001', created: false })
    expect(sn.incidents).toHaveLength(1)
    expect(await client.createIncidentOnce(incident)).toMatchObject({ number: 'INC0010001' })
    expect(sn.incidents).toHaveLength(1)
  })

  it('files its own ticket when the instance cannot filter on correlation_id and answers with unrelated rows', async () => {
    await sn.close()
    sn = await startServiceNow({ aclHidden: ['correlation_id'] })
    client = new ServiceNowClient({ baseUrl: sn.url, auth: { user: 'virgil.integration', password: 'standin-password' }, timeoutMs: 300 })
    await client.createIncident({ ...incident, correlationId: '01HXJ0000000000000000000AA', shortDescription: 'Someone else\'s printer' })
    await client.createIncident({ ...incident, correlationId: '', shortDescription: 'Password reset' })

    const ticket = await client.createIncidentOnce(incident)
    expect(ticket).toMatchObject({ number: 'INC0010003', created: true })
    expect(sn.incidents.map((r) => r.correlation_id)).toEqual(['01HXJ0000000000000000000AA', '', incident.correlationId])
    const lookup = sn.requests.find((r) => r.method === 'GET')?.query
    expect(lookup?.get('sysparm_fields')?.split(',')).toContain('correlation_id')
  })

  it('adopts a found row only when its correlation_id is ours', async () => {
    await client.createIncident({ ...incident, correlationId: '01HXJ0000000000000000000AA' })
    const mine = await client.createIncident(incident)
    expect(await client.findByCorrelationId(incident.correlationId)).toEqual({ ...mine, created: false })
    expect(await client.findByCorrelationId('01HXJ0000000000000000000ZZ')).toBeUndefined()
  })

  it('creates when nothing exists yet', async () => {
    const ticket = await client.createIncidentOnce(incident)
    expect(ticket).toMatchObject({ number: 'INC0010001', created: true })
  })

  it('words bad credentials and a sick instance', async () => {
    const wrong = new ServiceNowClient({ baseUrl: sn.url, auth: { user: 'virgil.integration', password: 'expired' } })
    const denied = (await wrong.createIncident(incident).catch((e: unknown) => e)) as VirgilError
    expect(denied).toMatchObject({ code: 'UNAUTHORIZED', service: 'ServiceNow' })
    expect(denied.message).toContain('ServiceNow rejected the credentials (401): "User Not Authenticated')
    expect(denied.message).toContain('itil role')
    sn.failNext(502)
    await expect(client.createIncident(incident)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('(502)') })
    const unset = new ServiceNowClient({ baseUrl: sn.url, auth: { user: '', password: '' } })
    await expect(unset.createIncident(incident)).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
    expect(sn.incidents).toHaveLength(0)
  })

  async function createOnceError(): Promise<VirgilError> {
    const error = await client.createIncidentOnce(incident).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(VirgilError)
    return error as VirgilError
  }
})
