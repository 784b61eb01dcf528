import type { Integrations } from '../../integrations/integrations'
import type { CommandRegistry } from '../registry'
import { helpCommand } from './help'
import { offlineCommands } from './offline'
import { vtCommands } from './vt'
import { whoisCommands } from './whois'

export function registerBuiltinCommands(registry: CommandRegistry, integrations: Integrations): void {
  registry.register(
    helpCommand(registry) as never,
    ...offlineCommands(),
    ...(vtCommands(() => integrations.virustotal()) as never[]),
    ...(whoisCommands(() => integrations.rdap()) as never[])
  )
}
