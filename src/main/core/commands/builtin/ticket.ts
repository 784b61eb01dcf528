import { z } from 'zod'
import type { TicketSummary } from '../../../../shared/evidence'
import { VirgilError } from '../../../../shared/errors'
import type { IntakeService } from '../../evidence/intake-service'
import type { ServiceNowClient } from '../../integrations/servicenow'
import { exactlyOne } from '../args'
import type { CommandSpec } from '../types'

const FIELDS: [string, string][] = [
  ['short_description', 'Short description'],
  ['state', 'State'],
  ['priority', 'Priority'],
  ['impact', 'Impact'],
  ['urgency', 'Urgency'],
  ['caller_id', 'Caller'],
  ['assignment_group', 'Assignment group'],
  ['assigned_to', 'Assigned to'],
  ['category', 'Category'],
  ['opened_at', 'Opened'],
  ['sys_updated_on', 'Updated'],
  ['description', 'Description']
]

const ticketArgs = exactlyOne('ticket number (INC0010001)', z.string().transform((s) => s.trim().toUpperCase()).pipe(z.string().regex(/^[A-Z]{2,8}\d{4,12}$/, 'A ticket number looks like INC0010001')))

/** `ticket pull INC…`: a ServiceNow ticket, its fields and work notes, into the room as an evidence card. */
export function ticketCommands(getClient: () => ServiceNowClient, intake: IntakeService): CommandSpec[] {
  const pull: CommandSpec<z.infer<typeof ticketArgs>> = {
    path: ['ticket', 'pull'],
    usage: 'ticket pull <INC…>',
    summary: 'Imports a ServiceNow ticket (fields and work notes) into the room as an attachment card.',
    examples: ['ticket pull INC0010001'],
    danger: 'safe',
    args: ticketArgs,
    async run({ positional: number }, ctx) {
      const client = getClient()
      const record = await client.getByNumber(number, ctx.signal)
      if (!record) throw new VirgilError('NOT_FOUND', `ServiceNow has no ticket ${number} (or this account may not read it).`, { service: 'ServiceNow' })
      const notes = record.sys_id ? await client.workNotes(String(record.sys_id), ctx.signal) : []
      const ticket: TicketSummary = {
        number,
        fields: FIELDS.filter(([key]) => record[key]).map(([key, label]) => ({ label, value: String(record[key]).slice(0, 4000) })),
        workNotes: notes.map((n) => ({ ...n, text: n.text.slice(0, 20_000) }))
      }
      const bytes = Buffer.from(JSON.stringify({ source: 'servicenow', record, workNotes: notes }, null, 2))
      const message = await intake.addBytes(ctx.incidentId, `${number}.json`, bytes, ctx.actor, { kind: 'ticket', ticket })
      return {
        title: `Ticket ${number} imported`,
        tone: 'ok',
        summary: `${ticket.fields.length} fields and ${notes.length} work note${notes.length === 1 ? '' : 's'} are in the room as evidence (sha256 ${message.evidence?.hashes.sha256.slice(0, 16) ?? ''}…).`
      }
    }
  }
  return [pull] as CommandSpec[]
}
