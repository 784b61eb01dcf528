import { emailSettings } from '../../../../shared/integrations/email'
import { createMailer, type Mailer } from '../email'
import { defineIntegration } from './descriptor'

/** SMTP for paging mail; the recipients live in the same section. No chat commands. */
export const emailIntegration = defineIntegration<Mailer>({
  service: 'Email',
  settings: emailSettings,
  isConfigured: (settings) => settings.notify.smtpHost !== '',
  createClient({ settings, secret, tuning }) {
    const n = settings.notify
    return createMailer({
      host: n.smtpHost,
      port: n.smtpPort,
      secure: n.smtpSecure,
      user: n.smtpUser,
      pass: secret('smtp.password') ?? '',
      from: n.from,
      ...(tuning.smtpTimeoutMs ? { timeoutMs: tuning.smtpTimeoutMs } : {})
    })
  },
  closeClient: (mailer) => mailer.close(),
  commands: () => []
})
