import type { Db } from '../db/open-db'
import type { Handlers } from '../dispatch'
import { listArchived } from '../archive/archive-list'
import { searchLog } from '../search/search-log'
import { hiddenIncidents } from './visibility'

/**
 * Lists, search and suggestions leave out incidents restricted to groups the actor is not in:
 * not their title, not their number. (Requests naming such an incident are refused in authorize.)
 */
export function hideRestricted(handlers: Handlers, db: Db): Handlers {
  return {
    ...handlers,
    'incident:list': async (i, a) => {
      const hidden = hiddenIncidents(db, a)
      return (await handlers['incident:list'](i, a)).filter((x) => !hidden.has(x.id))
    },
    'search:query': async (i, a) => searchLog(db, i.query, i.limit, i.filters, hiddenIncidents(db, a)),
    'archive:list': async (i, a) => listArchived(db, i.filters, i.offset, i.limit, hiddenIncidents(db, a)),
    'suggest:get': async (i, a) => {
      const hidden = hiddenIncidents(db, a)
      const s = await handlers['suggest:get'](i, a)
      if (!hidden.size) return s
      const similar = s.similar.filter((x) => !hidden.has(x.id))
      return { ...s, similar, flow: { ...s.flow, basedOn: s.flow.basedOn.filter((id) => !hidden.has(id)) } }
    }
  }
}
