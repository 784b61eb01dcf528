import { VirgilError } from '../../../../shared/errors'
import { slackSettings } from '../../../../shared/integrations/slack'
import { createLogger } from '../../logger'
import { createSlackGateway, type SlackGateway } from '../slack/gateway'
import { defineIntegration } from './descriptor'

const logger = createLogger('slack')

/** The war-room mirror (src/main/core/mirror) delivers and listens through this gateway; no chat commands of its own. */
export const slackIntegration = defineIntegration<SlackGateway>({
  service: 'Slack',
  settings: slackSettings,
  isConfigured: (settings, secrets) => settings.slack.enabled && secrets['slack.botToken'],
  createClient({ settings, secret, tuning }) {
    const token = secret('slack.botToken')
    if (!settings.slack.enabled || !token) {
      throw new VirgilError('NOT_CONFIGURED', 'Slack mirroring is off or has no bot token. Turn it on and paste the bot token (xoxb-…) in Settings → Slack.', {
        service: 'Slack'
      })
    }
    const appToken = secret('slack.appToken')
    return createSlackGateway({
      token,
      slackApiUrl: settings.slack.apiUrl,
      timeoutMs: tuning.slack?.timeoutMs ?? 10_000,
      ...(appToken ? { appToken } : {}),
      ...(tuning.slack?.defaultRetryAfterMs !== undefined ? { defaultRetryAfterMs: tuning.slack.defaultRetryAfterMs } : {}),
      log: (level, message) => logger.warn(`${level}: ${message}`)
    })
  },
  commands: () => []
})
