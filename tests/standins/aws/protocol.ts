import { randomUUID } from 'node:crypto'
import type { AwsModel } from './model'

export type AwsServiceId = 'ec2' | 'monitoring' | 'guardduty' | 'sns'

/** An AWS error as the service would send it; each protocol renders it in its own wire shape. */
export interface AwsFault {
  status: number
  code: string
  message: string
  /** Client ("Sender") or server ("Receiver") fault, as Query errors name it. */
  type?: 'Sender' | 'Receiver'
  headers?: Record<string, string>
}

export class AwsFaultError extends Error {
  constructor(readonly fault: AwsFault) {
    super(`${fault.code}: ${fault.message}`)
  }
}

export const fault = (status: number, code: string, message: string): AwsFaultError => new AwsFaultError({ status, code, message })

export interface StandinRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface StandinResponse {
  status: number
  headers: Record<string, string>
  body: string
}

export interface ServiceProtocol {
  id: AwsServiceId
  /** The operation name, for the request log. */
  operation(req: StandinRequest): string
  handle(req: StandinRequest, model: AwsModel, requestId: string): StandinResponse
  renderError(f: AwsFault, requestId: string): StandinResponse
}

export const newRequestId = () => randomUUID()
