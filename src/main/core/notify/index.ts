import type { EventLog } from '../log/event-log'
import type { OutboxWorker } from '../outbox/outbox-worker'
import type { SettingsService } from '../settings/settings-service'
import type { NotifyClients } from './clients'
import { emailHandler, smsHandler } from './page-handlers'
import { pagingReactor } from './paging'
import { serviceNowTicketHandler } from './servicenow-ticket'

export { settingsClients, type NotifyClients, type NotifyClientOptions } from './clients'
export { pageDrafts, pagingReactor, type Page } from './paging'
export { ticketDraft, SNOW_LEVEL, NOTIFY_ACTOR } from './servicenow-ticket'
export { localTicketDraft, localTicketNumber } from './local-ticket'

/** Registers the ticket and paging handlers and the reactor that pages on analysts' P1/P2 incidents; returns their undo. */
export function installNotify(deps: { log: EventLog; outbox: OutboxWorker; settings: SettingsService; clients: NotifyClients }): () => void {
  const unregister = deps.outbox.register(serviceNowTicketHandler(deps.clients, deps.settings), smsHandler(deps.clients), emailHandler(deps.clients))
  const removeReactor = deps.log.addReactor(pagingReactor(() => deps.settings.current().notify))
  return () => {
    removeReactor()
    unregister()
  }
}
