import { VirgilError } from '../../../../shared/errors'
import { servicenowSettings } from '../../../../shared/integrations/servicenow'
import { ticketCommands } from '../../commands/builtin/ticket'
import { ServiceNowClient } from '../servicenow'
import { defineIntegration } from './descriptor'

/** Tickets filed for alerts (through the outbox) and the `ticket` commands; empty URL keeps tickets local. */
export const servicenowIntegration = defineIntegration<ServiceNowClient>({
  service: 'ServiceNow',
  settings: servicenowSettings,
  isConfigured: (settings) => settings.servicenow.baseUrl !== '',
  createClient({ settings, secret, tuning }) {
    const s = settings.servicenow
    if (!s.baseUrl) throw new VirgilError('NOT_CONFIGURED', 'ServiceNow is not set up: fill in Settings → ServiceNow to file and pull tickets there.', { service: 'ServiceNow' })
    return new ServiceNowClient({
      baseUrl: s.baseUrl,
      auth: { user: s.user, password: secret('servicenow.password') ?? '' },
      ...(tuning.serviceNowTimeoutMs ? { timeoutMs: tuning.serviceNowTimeoutMs } : {})
    })
  },
  commands: ({ client, intake }) => ticketCommands(() => client(), intake)
})
