import { rdapSettings } from '../../../../shared/integrations/rdap'
import { whoisCommands } from '../../commands/builtin/whois'
import { RdapClient } from '../rdap'
import { defineIntegration } from './descriptor'

export const rdapIntegration = defineIntegration<RdapClient>({
  service: 'RDAP',
  settings: rdapSettings,
  // Public RDAP needs no account: always on until a lookup says otherwise.
  isConfigured: () => true,
  createClient: ({ settings, tuning }) =>
    new RdapClient({ baseUrl: settings.rdap.baseUrl, ...(tuning.lookupTimeoutMs === undefined ? {} : { timeoutMs: tuning.lookupTimeoutMs }) }),
  commands: ({ client }) => whoisCommands(() => client())
})
