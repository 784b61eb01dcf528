import type { Integrations } from '../../integrations/integrations'
import type { CommandRegistry } from '../registry'
import { helpCommand } from './help'
import { offlineCommands } from './offline'
import { vtCommands } from './vt'
import { whoisCommands } from './whois'
import { ec2Commands } from './ec2'
import { ticketCommands } from './ticket'
import type { IntakeService } from '../../evidence/intake-service'

export function registerBuiltinCommands(registry: CommandRegistry, integrations: Integrations, intake?: IntakeService): void {
  registry.register(
    helpCommand(registry),
    ...offlineCommands(),
    ...vtCommands(() => integrations.virustotal()),
    ...whoisCommands(() => integrations.rdap()),
    ...ec2Commands((region) => integrations.ec2(region))
  )
  if (intake) registry.register(...ticketCommands(() => integrations.serviceNow(), intake))
}
