import { VirgilError } from '../../../shared/errors'
import type { AwsDeps } from '../integrations/aws/ec2'
import { createAwsClients, type AwsClientOptions, type AwsClients } from '../integrations/aws/config'
import { createMailer, type Mailer } from '../integrations/email'
import { ServiceNowClient } from '../integrations/servicenow'
import type { SettingsService } from '../settings/settings-service'

/** The outside services alerts reach, built from Settings and the vault, rebuilt when either changes. */
export interface NotifyClients {
  isServiceNowConfigured(): boolean
  serviceNow(): ServiceNowClient
  aws(): AwsDeps
  mailer(): Mailer
  close(): void
}

export interface NotifyClientOptions {
  /** Explicit AWS keys and budgets (tests, benches); the app uses the SDK's default provider chain. */
  aws?: AwsClientOptions
  serviceNowTimeoutMs?: number
  smtpTimeoutMs?: number
}

export function settingsClients(settings: SettingsService, options: NotifyClientOptions = {}): NotifyClients {
  let aws: AwsClients | undefined
  let mailer: Mailer | undefined
  let serviceNow: ServiceNowClient | undefined
  const reset = (): void => {
    aws?.destroy()
    mailer?.close()
    aws = mailer = serviceNow = undefined
  }
  const unsubscribe = settings.onChange(reset)
  return {
    isServiceNowConfigured: () => settings.current().servicenow.baseUrl !== '',
    serviceNow() {
      const s = settings.current().servicenow
      if (!s.baseUrl) throw new VirgilError('NOT_CONFIGURED', 'ServiceNow is not set up: fill in Settings → ServiceNow to file tickets there.', { service: 'ServiceNow' })
      return (serviceNow ??= new ServiceNowClient({
        baseUrl: s.baseUrl,
        auth: { user: s.user, password: settings.secret('servicenow.password') ?? '' },
        ...(options.serviceNowTimeoutMs ? { timeoutMs: options.serviceNowTimeoutMs } : {})
      }))
    },
    aws() {
      const s = settings.current().aws
      aws ??= createAwsClients({ region: s.region, profile: s.profile, endpoint: s.endpoint }, options.aws)
      return { clients: aws, ...(options.aws?.timeoutMs ? { timeoutMs: options.aws.timeoutMs } : {}) }
    },
    mailer() {
      const n = settings.current().notify
      return (mailer ??= createMailer({
        host: n.smtpHost,
        port: n.smtpPort,
        secure: n.smtpSecure,
        user: n.smtpUser,
        pass: settings.secret('smtp.password') ?? '',
        from: n.from,
        ...(options.smtpTimeoutMs ? { timeoutMs: options.smtpTimeoutMs } : {})
      }))
    },
    close() {
      unsubscribe()
      reset()
    }
  }
}
