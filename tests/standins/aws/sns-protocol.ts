import type { AwsModel } from './model'
import { fault, type ServiceProtocol } from './protocol'
import { queryStructs, xmlDocument } from './xml'

/** SNS Query protocol: form body Action=Publish&Version=2010-03-31, XML answers wrapped in <PublishResult>. */
const NS = 'http://sns.amazonaws.com/doc/2010-03-31/'
const E164 = /^\+[1-9]\d{6,14}$/

function publish(p: URLSearchParams, model: AwsModel, requestId: string) {
  const phone = p.get('PhoneNumber')
  const message = p.get('Message') ?? ''
  if (!phone && !p.get('TopicArn') && !p.get('TargetArn')) throw fault(400, 'InvalidParameter', 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter')
  if (phone && !E164.test(phone)) throw fault(400, 'InvalidParameter', 'Invalid parameter: PhoneNumber Reason: input incorrectly formatted')
  if (!message) throw fault(400, 'InvalidParameter', 'Invalid parameter: Empty message')
  const attributes: Record<string, string> = {}
  for (const entry of queryStructs(p, 'MessageAttributes.entry')) attributes[entry.get('Name') ?? ''] = entry.get('Value.StringValue') ?? ''
  const sms = model.recordSms(phone ?? '', message, attributes)
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: xmlDocument('PublishResponse', NS, { PublishResult: { MessageId: sms.messageId }, ResponseMetadata: { RequestId: requestId } }, 'member')
  }
}

export const snsProtocol: ServiceProtocol = {
  id: 'sns',
  operation: (req) => new URLSearchParams(req.body).get('Action') ?? '?',
  handle(req, model, requestId) {
    const p = new URLSearchParams(req.body)
    if (p.get('Version') !== '2010-03-31') throw fault(400, 'InvalidParameterValue', `Unsupported Version '${p.get('Version')}'`)
    if (p.get('Action') === 'Publish') return publish(p, model, requestId)
    throw fault(400, 'InvalidAction', `Could not find operation ${p.get('Action')} for version 2010-03-31`)
  },
  renderError(f, requestId) {
    return {
      status: f.status,
      headers: { 'content-type': 'text/xml', ...(f.headers ?? {}) },
      body: xmlDocument(
        'ErrorResponse',
        NS,
        { Error: { Type: f.type ?? (f.status >= 500 ? 'Receiver' : 'Sender'), Code: f.code, Message: f.message }, RequestId: requestId },
        'member'
      )
    }
  }
}
