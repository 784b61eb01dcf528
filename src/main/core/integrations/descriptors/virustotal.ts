import { VirgilError } from '../../../../shared/errors'
import { virustotalSettings } from '../../../../shared/integrations/virustotal'
import { vtCommands } from '../../commands/builtin/vt'
import { VirusTotalClient } from '../virustotal'
import { defineIntegration } from './descriptor'

export const virustotalIntegration = defineIntegration<VirusTotalClient>({
  service: 'VirusTotal',
  settings: virustotalSettings,
  isConfigured: (_settings, secrets) => secrets['virustotal.apiKey'],
  createClient({ settings, secret, tuning }) {
    const apiKey = secret('virustotal.apiKey')
    if (!apiKey) throw new VirgilError('NOT_CONFIGURED', 'VirusTotal is not set up: add the API key in Settings → VirusTotal.', { service: 'VirusTotal' })
    const vt = settings.virustotal
    return new VirusTotalClient({
      baseUrl: vt.baseUrl,
      apiKey,
      cacheTtlMs: vt.cacheTtlMinutes * 60_000,
      perMinute: vt.perMinute,
      perDay: vt.perDay,
      ...(tuning.lookupTimeoutMs === undefined ? {} : { timeoutMs: tuning.lookupTimeoutMs })
    })
  },
  closeClient: (client) => client.dispose(),
  commands: ({ client }) => vtCommands(() => client())
})
