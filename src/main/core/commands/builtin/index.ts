import type { Integrations } from '../../integrations/integrations'
import { INTEGRATIONS } from '../../integrations/descriptors'
import type { IntakeService } from '../../evidence/intake-service'
import type { CommandRegistry } from '../registry'
import { helpCommand } from './help'
import { offlineCommands } from './offline'

/** help, the offline tools, and every integration's commands as its descriptor declares them. */
export function registerBuiltinCommands(registry: CommandRegistry, integrations: Integrations, intake: IntakeService): void {
  registry.register(helpCommand(registry), ...offlineCommands())
  for (const descriptor of INTEGRATIONS) {
    registry.register(...descriptor.commands({ client: (variant) => integrations.client(descriptor, variant), intake }))
  }
}
