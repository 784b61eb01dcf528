import { PublishCommand } from '@aws-sdk/client-sns'
import { VirgilError } from '../../../../shared/errors'
import { callAws } from './errors'
import type { AwsDeps } from './ec2'

const E164 = /^\+[1-9]\d{6,14}$/
/** Above this SNS splits or rejects an SMS; pages are short on purpose. */
const SMS_MAX_CHARS = 1600

/** Sends one transactional SMS straight to a phone number (no topic). Returns SNS's message id. */
export async function sendSms(deps: AwsDeps, phone: string, text: string, signal?: AbortSignal): Promise<{ messageId: string }> {
  if (!E164.test(phone)) {
    throw new VirgilError('BAD_INPUT', `'${phone}' is not a phone number in E.164 form, e.g. +447700900123.`)
  }
  if (!text.trim()) throw new VirgilError('BAD_INPUT', 'The SMS text is empty.')
  const message = text.length > SMS_MAX_CHARS ? `${text.slice(0, SMS_MAX_CHARS - 1)}…` : text
  const ctx = { service: 'sns' as const, settings: deps.clients.settings, action: 'Publish', resource: `phone ${phone}`, timeoutMs: deps.timeoutMs }
  const out = await callAws(ctx, () =>
    deps.clients.sns.send(
      new PublishCommand({
        PhoneNumber: phone,
        Message: message,
        MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } }
      }),
      { abortSignal: signal }
    )
  )
  return { messageId: out.MessageId ?? '' }
}
