import type { Incident, Suggestions } from '../../../shared/domain'
import type { CommandRegistry } from '../commands/registry'
import type { Db } from '../db/open-db'
import type { EventLog } from '../log/event-log'

/** Wires the suggestion engine to the log: cases from incidents and their command runs. */
export class SuggestService {
  constructor(
    private readonly db: Db,
    private readonly log: EventLog,
    private readonly registry: CommandRegistry
  ) {}

  start(): () => void {
    return () => {}
  }

  async forIncident(_incident: Incident): Promise<Suggestions> {
    return { next: [], flow: { steps: [], basedOn: [] }, similar: [], experts: [] }
  }
}
