import { GetFindingsCommand, ListDetectorsCommand, ListFindingsCommand, type Finding } from '@aws-sdk/client-guardduty'
import { VirgilError } from '../../../../shared/errors'
import { callAws, type AwsCallContext } from './errors'
import type { AwsDeps } from './ec2'
import { describeFinding, type FindingSubject } from './guardduty-resource'

export type { FindingRemote, FindingSubject } from './guardduty-resource'

export type SeverityLabel = 'Low' | 'Medium' | 'High' | 'Critical'

export interface GuardDutyFinding extends FindingSubject {
  id: string
  /** The full finding type, e.g. "UnauthorizedAccess:EC2/SSHBruteForce". */
  type: string
  /** The part before the colon, e.g. "UnauthorizedAccess", "Backdoor", "CryptoCurrency". */
  threatPurpose: string
  severity: number
  severityLabel: SeverityLabel
  title: string
  description: string
  instanceId?: string
  region: string
  accountId: string
  firstSeen?: string
  lastSeen?: string
  count: number
}

export interface ListFindingsQuery {
  detectorId?: string
  sinceMs: number
  minSeverity?: number
  /** Upper bound on findings fetched across detectors. */
  limit?: number
}

const GET_BATCH = 50

/** GuardDuty's own bands: Low 1.0–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0. */
export function severityLabel(severity: number): SeverityLabel {
  if (severity >= 9) return 'Critical'
  if (severity >= 7) return 'High'
  if (severity >= 4) return 'Medium'
  return 'Low'
}

export function normaliseFinding(f: Finding): GuardDutyFinding {
  const type = f.Type ?? 'Unknown'
  const severity = f.Severity ?? 0
  const instanceId = f.Resource?.InstanceDetails?.InstanceId
  const subject = describeFinding(f)
  const firstSeen = f.Service?.EventFirstSeen ?? f.CreatedAt
  const lastSeen = f.Service?.EventLastSeen ?? f.UpdatedAt
  return {
    id: f.Id ?? '',
    type,
    threatPurpose: type.split(':')[0] ?? type,
    severity,
    severityLabel: severityLabel(severity),
    title: f.Title ?? type,
    description: f.Description ?? '',
    ...(instanceId ? { instanceId } : {}),
    region: f.Region ?? '',
    accountId: f.AccountId ?? '',
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastSeen ? { lastSeen } : {}),
    count: f.Service?.Count ?? 1,
    ...subject
  }
}

function ctxFor(deps: AwsDeps, action: string, resource?: string): AwsCallContext {
  return { service: 'guardduty', settings: deps.clients.settings, action, resource, timeoutMs: deps.timeoutMs }
}

async function detectorIds(deps: AwsDeps, signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = []
  let nextToken: string | undefined
  do {
    const page = await callAws(ctxFor(deps, 'ListDetectors'), () =>
      deps.clients.guardduty.send(new ListDetectorsCommand({ NextToken: nextToken }), { abortSignal: signal })
    )
    ids.push(...(page.DetectorIds ?? []))
    nextToken = page.NextToken
  } while (nextToken)
  return ids
}

async function findingIds(deps: AwsDeps, detectorId: string, query: ListFindingsQuery, limit: number, signal?: AbortSignal) {
  const ids: string[] = []
  let nextToken: string | undefined
  do {
    const page = await callAws(ctxFor(deps, 'ListFindings', `detector ${detectorId}`), () =>
      deps.clients.guardduty.send(
        new ListFindingsCommand({
          DetectorId: detectorId,
          FindingCriteria: {
            Criterion: {
              updatedAt: { GreaterThan: query.sinceMs },
              severity: { GreaterThanOrEqual: query.minSeverity ?? 0 },
              'service.archived': { Equals: ['false'] }
            }
          },
          SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'DESC' },
          MaxResults: GET_BATCH,
          NextToken: nextToken
        }),
        { abortSignal: signal }
      )
    )
    ids.push(...(page.FindingIds ?? []))
    nextToken = page.NextToken
  } while (nextToken && ids.length < limit)
  return ids.slice(0, limit)
}

/** Unarchived findings updated since `sinceMs` at or above `minSeverity`, most severe first. */
export async function listFindings(deps: AwsDeps, query: ListFindingsQuery, signal?: AbortSignal): Promise<GuardDutyFinding[]> {
  const limit = query.limit ?? 200
  const detectors = query.detectorId ? [query.detectorId] : await detectorIds(deps, signal)
  if (detectors.length === 0) {
    throw new VirgilError('NOT_CONFIGURED', `GuardDuty is not enabled in ${deps.clients.settings.region} (no detector). Enable it or pick another region in Settings → AWS.`, {
      service: 'AWS GuardDuty'
    })
  }
  const findings: GuardDutyFinding[] = []
  for (const detectorId of detectors) {
    const ids = await findingIds(deps, detectorId, query, limit - findings.length, signal)
    for (let i = 0; i < ids.length; i += GET_BATCH) {
      const batch = ids.slice(i, i + GET_BATCH)
      const out = await callAws(ctxFor(deps, 'GetFindings', `detector ${detectorId}`), () =>
        deps.clients.guardduty.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: batch }), { abortSignal: signal })
      )
      findings.push(...(out.Findings ?? []).map(normaliseFinding))
    }
    if (findings.length >= limit) break
  }
  return findings.sort((a, b) => b.severity - a.severity || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
}
