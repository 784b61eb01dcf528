/** The room's line for a ticket event: filed now, or found already filed for this alert. */
export function ticketLine(ticket: { system?: unknown; number?: unknown; link?: unknown }, found: boolean, withLink = false): string {
  const where = ticket.system === 'servicenow' ? 'ServiceNow' : 'the local ticket log'
  const link = withLink && typeof ticket.link === 'string' && ticket.link ? `: ${ticket.link}` : ''
  const number = String(ticket.number)
  return found
    ? `Found existing ticket ${number} in ${where} for this alert; no second ticket filed${link}`
    : `Ticket ${number} created in ${where}${link}`
}
