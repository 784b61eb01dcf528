import type { Integrations } from '../../integrations/integrations'
import type { CommandRegistry } from '../registry'
import { helpCommand } from './help'
import { offlineCommands } from './offline'

export function registerBuiltinCommands(registry: CommandRegistry, _integrations: Integrations): void {
  registry.register(helpCommand(registry) as never, ...offlineCommands())
}
