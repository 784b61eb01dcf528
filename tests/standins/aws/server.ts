import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cloudwatchProtocol } from './cloudwatch-protocol'
import { ec2Protocol } from './ec2-protocol'
import { guarddutyProtocol } from './guardduty-protocol'
import { AwsModel } from './model'
import { AwsFaultError, newRequestId, type AwsFault, type AwsServiceId, type ServiceProtocol, type StandinRequest } from './protocol'
import { checkSigV4, type SigV4Check } from './sigv4'
import { snsProtocol } from './sns-protocol'

/** The only keys the stand-in accepts; tests hand them to the client factory explicitly. */
export const AWS_TEST_CREDENTIALS = {
  accessKeyId: 'AKIAVIRGILTEST000001',
  secretAccessKey: 'virgil+test/secret/key/00000000000000000'
} as const

export interface RecordedAwsRequest {
  service: AwsServiceId
  operation: string
  accessKeyId?: string
  body: string
}

interface InjectedFault extends AwsFault {
  service?: AwsServiceId
  /** Only requests for this operation, e.g. "ModifyNetworkInterfaceAttribute". */
  operation?: string
  /** Let this many matching requests through first. */
  after?: number
  times: number
}

export interface AwsStandin {
  url: string
  region: string
  model: AwsModel
  requests: RecordedAwsRequest[]
  /** The next `times` requests (to `service`, if named) fail with this AWS error. */
  failNext(f: AwsFault & { service?: AwsServiceId; operation?: string; after?: number; times?: number }): void
  /** The next `times` requests get each service's real throttling answer. */
  throttleNext(service: AwsServiceId, times?: number): void
  delayNextMs(ms: number, options?: { service?: AwsServiceId; times?: number }): void
  /** Stop listening (connections refused) until comeBack(), which listens on the same port again. */
  goDown(): Promise<void>
  comeBack(): Promise<void>
  close(): Promise<void>
}

const PROTOCOLS: Record<AwsServiceId, ServiceProtocol> = {
  ec2: ec2Protocol,
  monitoring: cloudwatchProtocol,
  guardduty: guarddutyProtocol,
  sns: snsProtocol
}

const THROTTLES: Record<AwsServiceId, AwsFault> = {
  ec2: { status: 503, code: 'RequestLimitExceeded', message: 'Request limit exceeded.' },
  monitoring: { status: 400, code: 'Throttling', message: 'Rate exceeded' },
  guardduty: { status: 429, code: 'TooManyRequestsException', message: 'Rate exceeded' },
  sns: { status: 429, code: 'Throttled', message: 'Rate exceeded' }
}

function detectService(req: StandinRequest): AwsServiceId {
  if (String(req.headers['x-amz-target'] ?? '').startsWith('GraniteServiceVersion20100801.')) return 'monitoring'
  if (req.path.startsWith('/detector')) return 'guardduty'
  if (new URLSearchParams(req.body).get('Version') === '2010-03-31') return 'sns'
  return 'ec2'
}

function authFault(service: AwsServiceId, check: SigV4Check): AwsFault {
  if (service === 'ec2') {
    const message =
      check.problem === 'missing' ? 'AWS was not able to validate the provided access credentials' : `AWS was not able to validate the provided access credentials (${check.problem})`
    return { status: 401, code: 'AuthFailure', message }
  }
  if (check.problem === 'missing') return { status: 403, code: 'MissingAuthenticationToken', message: 'Request is missing Authentication Token' }
  if (check.problem === 'unknown-key') {
    const code = service === 'guardduty' ? 'UnrecognizedClientException' : 'InvalidClientTokenId'
    return { status: 403, code, message: 'The security token included in the request is invalid.' }
  }
  if (check.problem === 'wrong-region') return { status: 403, code: 'SignatureDoesNotMatch', message: `Credential should be scoped to a valid region, not '${check.region}'.` }
  return { status: 403, code: 'SignatureDoesNotMatch', message: 'The request signature we calculated does not match the signature you provided.' }
}

export async function startAwsStandin(options: { region?: string } = {}): Promise<AwsStandin> {
  const region = options.region ?? 'eu-west-1'
  const model = new AwsModel(region)
  const requests: RecordedAwsRequest[] = []
  const faults: InjectedFault[] = []
  const delays: { ms: number; service?: AwsServiceId; times: number }[] = []
  const timers = new Set<NodeJS.Timeout>()
  const keys = { [AWS_TEST_CREDENTIALS.accessKeyId]: AWS_TEST_CREDENTIALS.secretAccessKey }

  const take = <T extends { service?: AwsServiceId; operation?: string; after?: number; times: number }>(
    list: T[],
    service: AwsServiceId,
    operation: string
  ): T | undefined => {
    const index = list.findIndex((f) => (!f.service || f.service === service) && (!f.operation || f.operation === operation))
    const item = list[index]
    if (!item) return undefined
    if (item.after) {
      item.after--
      return undefined
    }
    if (--item.times <= 0) list.splice(index, 1)
    return item
  }

  const respond = (res: ServerResponse, r: { status: number; headers: Record<string, string>; body: string }, requestId: string) => {
    if (res.destroyed) return
    res.writeHead(r.status, { 'x-amzn-requestid': requestId, 'content-length': Buffer.byteLength(r.body), ...r.headers })
    res.end(r.body)
  }

  const handle = (req: IncomingMessage, res: ServerResponse, raw: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://standin')
    const request: StandinRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body: raw.toString('utf8') }
    const service = detectService(request)
    const protocol = PROTOCOLS[service]
    const requestId = newRequestId()
    const check = checkSigV4({ method: request.method, url: req.url ?? '/', headers: req.headers }, raw, { service, region, keys })
    const operation = protocol.operation(request)
    requests.push({ service, operation, ...(check.accessKeyId ? { accessKeyId: check.accessKeyId } : {}), body: request.body })
    const send = () => {
      if (!check.ok) return respond(res, protocol.renderError(authFault(service, check), requestId), requestId)
      const injected = take(faults, service, operation)
      if (injected) return respond(res, protocol.renderError(injected, requestId), requestId)
      try {
        respond(res, protocol.handle(request, model, requestId), requestId)
      } catch (error) {
        const f: AwsFault = error instanceof AwsFaultError ? error.fault : { status: 500, code: 'InternalFailure', message: String(error) }
        respond(res, protocol.renderError(f, requestId), requestId)
      }
    }
    const delay = take(delays, service, operation)
    if (!delay) return send()
    const timer = setTimeout(() => {
      timers.delete(timer)
      send()
    }, delay.ms)
    timers.add(timer)
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => handle(req, res, Buffer.concat(chunks)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const stop = (): Promise<void> =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t)
      timers.clear()
      server.closeAllConnections()
      if (!server.listening) return resolve()
      server.close(() => resolve())
    })

  return {
    url: `http://127.0.0.1:${port}`,
    region,
    model,
    requests,
    failNext: (f) => faults.push({ ...f, times: f.times ?? 1 }),
    throttleNext: (service, times = 1) => faults.push({ ...THROTTLES[service], service, times }),
    delayNextMs: (ms, o = {}) => delays.push({ ms, times: o.times ?? 1, ...(o.service ? { service: o.service } : {}) }),
    goDown: () => stop(),
    comeBack: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
    close: () => stop()
  }
}
