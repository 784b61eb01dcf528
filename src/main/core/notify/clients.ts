import type { AwsDeps } from '../integrations/aws/ec2'
import type { Mailer } from '../integrations/email'
import { awsIntegration, emailIntegration, servicenowIntegration, type ClientTuning } from '../integrations/descriptors'
import { Integrations } from '../integrations/integrations'
import type { ServiceNowClient } from '../integrations/servicenow'
import type { SettingsService } from '../settings/settings-service'

/** The outside services alerts reach, built by their descriptors from Settings and the vault, rebuilt when either changes. */
export interface NotifyClients {
  isServiceNowConfigured(): boolean
  serviceNow(): ServiceNowClient
  aws(): AwsDeps
  mailer(): Mailer
  close(): void
}

export type NotifyClientOptions = Pick<ClientTuning, 'aws' | 'serviceNowTimeoutMs' | 'smtpTimeoutMs'>

export function settingsClients(settings: SettingsService, options: NotifyClientOptions = {}): NotifyClients {
  const integrations = new Integrations(settings, options)
  return {
    isServiceNowConfigured: () => servicenowIntegration.isConfigured(settings.current(), settings.view().secrets),
    serviceNow: () => integrations.client(servicenowIntegration),
    aws: () => ({ clients: integrations.client(awsIntegration), ...(options.aws?.timeoutMs ? { timeoutMs: options.aws.timeoutMs } : {}) }),
    mailer: () => integrations.client(emailIntegration),
    close: () => integrations.dispose()
  }
}
