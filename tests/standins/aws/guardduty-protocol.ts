import type { AwsModel, GuardDutyFindingJson } from './model'
import { fault, type ServiceProtocol, type StandinResponse } from './protocol'

/** GuardDuty REST-JSON: GET /detector, POST /detector/{id}/findings, POST /detector/{id}/findings/get. */
type Condition = Record<string, unknown>

const json = (body: unknown): StandinResponse => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

function valueAt(finding: GuardDutyFindingJson, path: string): unknown {
  let current: unknown = finding
  for (const key of path.split('.')) current = (current as Record<string, unknown> | undefined)?.[key]
  return path === 'updatedAt' || path === 'createdAt' ? Date.parse(String(current)) : current
}

function matches(finding: GuardDutyFindingJson, attribute: string, condition: Condition): boolean {
  const actual = valueAt(finding, attribute)
  return Object.entries(condition).every(([op, expected]) => {
    const n = Number(actual)
    const list = (expected as unknown[]).map?.((v) => String(v))
    switch (op) {
      case 'gt':
      case 'greaterThan':
        return n > Number(expected)
      case 'gte':
      case 'greaterThanOrEqual':
        return n >= Number(expected)
      case 'lt':
      case 'lessThan':
        return n < Number(expected)
      case 'lte':
      case 'lessThanOrEqual':
        return n <= Number(expected)
      case 'eq':
      case 'equals':
        return list?.includes(String(actual)) ?? false
      case 'neq':
      case 'notEquals':
        return !(list?.includes(String(actual)) ?? false)
      default:
        throw fault(400, 'BadRequestException', `The request is rejected because an invalid or out-of-range value is specified for ${op}.`)
    }
  })
}

function findingsOf(model: AwsModel, detectorId: string): GuardDutyFindingJson[] {
  const list = model.findings.get(detectorId)
  if (!model.detectors.includes(detectorId) || !list) {
    throw fault(400, 'BadRequestException', 'The request is rejected because the input detectorId is not owned by the current account.')
  }
  return list
}

function listFindings(model: AwsModel, detectorId: string, input: Record<string, unknown>) {
  const criteria = ((input.findingCriteria as { criterion?: Record<string, Condition> } | undefined)?.criterion ?? {}) as Record<string, Condition>
  const max = Number(input.maxResults ?? 50)
  if (max < 1 || max > 50) throw fault(400, 'BadRequestException', 'The request is rejected because maxResults must be between 1 and 50.')
  const sort = input.sortCriteria as { attributeName?: string; orderBy?: string } | undefined
  let hits = findingsOf(model, detectorId).filter((f) => Object.entries(criteria).every(([attr, cond]) => matches(f, attr, cond)))
  if (sort?.attributeName) {
    const key = sort.attributeName
    hits = [...hits].sort((a, b) => Number(valueAt(a, key)) - Number(valueAt(b, key)))
    if (sort.orderBy === 'DESC') hits.reverse()
  }
  const start = Number(input.nextToken ?? 0)
  const page = hits.slice(start, start + max)
  return json({ findingIds: page.map((f) => f.id), ...(start + max < hits.length ? { nextToken: String(start + max) } : {}) })
}

function getFindings(model: AwsModel, detectorId: string, input: Record<string, unknown>) {
  const ids = (input.findingIds as string[] | undefined) ?? []
  if (ids.length === 0 || ids.length > 50) throw fault(400, 'BadRequestException', 'The request is rejected because findingIds must hold 1 to 50 ids.')
  const all = findingsOf(model, detectorId)
  return json({ findings: ids.map((id) => all.find((f) => f.id === id)).filter(Boolean) })
}

export const guarddutyProtocol: ServiceProtocol = {
  id: 'guardduty',
  operation(req) {
    if (req.path === '/detector') return 'ListDetectors'
    if (req.path.endsWith('/findings/get')) return 'GetFindings'
    if (req.path.endsWith('/findings')) return 'ListFindings'
    return '?'
  },
  handle(req, model) {
    if (req.method === 'GET' && req.path === '/detector') return json({ detectorIds: model.detectors })
    const m = /^\/detector\/([^/]+)\/findings(\/get)?$/.exec(req.path)
    if (req.method !== 'POST' || !m) throw fault(404, 'NotFoundException', `No route for ${req.method} ${req.path}`)
    const input = JSON.parse(req.body || '{}') as Record<string, unknown>
    const detectorId = decodeURIComponent(m[1] ?? '')
    return m[2] ? getFindings(model, detectorId, input) : listFindings(model, detectorId, input)
  },
  renderError(f, requestId) {
    return {
      status: f.status,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': f.code, ...(f.headers ?? {}) },
      body: JSON.stringify({ message: f.message, __type: f.code })
    }
  }
}
