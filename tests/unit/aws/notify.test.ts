import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAwsClients, type AwsClients } from '../../../src/main/core/integrations/aws/config'
import { sendSms } from '../../../src/main/core/integrations/aws/sns'
import { createMailer, type Mailer } from '../../../src/main/core/integrations/email'
import { AWS_TEST_CREDENTIALS, startAwsStandin, type AwsStandin } from '../../standins/aws/server'
import { startSmtpStandin, type SmtpStandin } from '../../standins/smtp'

describe('SMS over SNS', () => {
  let aws: AwsStandin
  let clients: AwsClients
  beforeEach(async () => {
    aws = await startAwsStandin({ region: 'eu-west-1' })
    clients = createAwsClients({ region: 'eu-west-1', endpoint: aws.url }, { credentials: AWS_TEST_CREDENTIALS, timeoutMs: 2_000 })
  })
  afterEach(async () => {
    clients.destroy()
    await aws.close()
  })

  it('publishes a transactional SMS to the phone number and returns the message id', async () => {
    const { messageId } = await sendSms({ clients }, '+447700900123', 'P1 incident INC-42: ransomware on web-01 & db-02')
    expect(aws.model.sms).toEqual([
      {
        messageId,
        phoneNumber: '+447700900123',
        message: 'P1 incident INC-42: ransomware on web-01 & db-02',
        attributes: { 'AWS.SNS.SMS.SMSType': 'Transactional' }
      }
    ])
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses a number that is not E.164 before calling AWS, and words SNS errors', async () => {
    await expect(sendSms({ clients }, '07700 900123', 'hi')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('E.164') })
    expect(aws.requests).toHaveLength(0)

    aws.throttleNext('sns', 2)
    await expect(sendSms({ clients }, '+447700900123', 'hi')).rejects.toMatchObject({ code: 'RATE_LIMITED', service: 'AWS SNS' })
    aws.failNext({ service: 'sns', status: 403, code: 'AuthorizationError', message: 'User is not authorized to perform: SNS:Publish' })
    await expect(sendSms({ clients }, '+447700900123', 'hi')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('AWS denied sns:Publish to these credentials (AuthorizationError)')
    })
    expect(aws.model.sms).toHaveLength(0)
  })
})

describe('email over SMTP', () => {
  let smtp: SmtpStandin
  let mailer: Mailer | undefined
  beforeEach(async () => {
    smtp = await startSmtpStandin({ users: { virgil: 's3cret' }, requireAuth: true })
  })
  afterEach(async () => {
    mailer?.close()
    mailer = undefined
    await smtp.close()
  })

  const make = (over: Partial<Parameters<typeof createMailer>[0]> = {}) =>
    (mailer = createMailer({ host: smtp.host, port: smtp.port, secure: false, user: 'virgil', pass: 's3cret', from: 'virgil@soc.example', timeoutMs: 3_000, ...over }))

  it('delivers a message the SMTP server receives with envelope, login and subject', async () => {
    const sent = await make().sendMail({ to: ['soc@example.com', 'ciso@example.com'], subject: 'P1: INC-42 ransomware', text: 'Isolated i-0abc1234def567890 at 03:12 UTC.' })
    expect(sent.accepted).toEqual(['soc@example.com', 'ciso@example.com'])
    expect(smtp.messages).toHaveLength(1)
    const got = smtp.messages[0]!
    expect(got).toMatchObject({ from: 'virgil@soc.example', to: ['soc@example.com', 'ciso@example.com'], user: 'virgil', subject: 'P1: INC-42 ransomware' })
    expect(got.raw).toContain('Isolated i-0abc1234def567890 at 03:12 UTC.')
  })

  it('says the password is wrong when the server answers 535', async () => {
    smtp.rejectAuth(true)
    await expect(make().sendMail({ to: ['soc@example.com'], subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      service: 'Email',
      message: expect.stringMatching(/rejected the username or password \(535\)/)
    })
    expect(smtp.messages).toHaveLength(0)
  })

  it('says the connection was refused when nothing listens on the port', async () => {
    const probe = createServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const port = (probe.address() as { port: number }).port
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    await expect(make({ port }).sendMail({ to: ['soc@example.com'], subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: `Could not connect to the mail server 127.0.0.1:${port} (connection refused). Check Settings → Notify → SMTP host and port.`
    })
  })

  it('reports a deferral from the server with its words', async () => {
    smtp.failNextData(451, '4.3.0 Mail server temporarily out of disk')
    await expect(make().sendMail({ to: ['soc@example.com'], subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/deferred the message \(451\).*out of disk/)
    })
  })
})
