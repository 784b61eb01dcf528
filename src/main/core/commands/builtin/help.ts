import { z } from 'zod'
import { noFlags } from '../args'
import type { CommandRegistry } from '../registry'
import type { CommandSpec } from '../types'

const args = z.object({ positional: z.array(z.string()).max(3), flags: noFlags })

export function helpCommand(registry: CommandRegistry): CommandSpec<z.infer<typeof args>> {
  return {
    path: ['help'],
    usage: 'help [command]',
    summary: 'List the commands, or show how to use one.',
    examples: ['help', 'help vt domain'],
    danger: 'safe',
    args,
    async run({ positional }) {
      const all = registry.list()
      if (positional.length === 0) {
        return {
          title: 'Commands',
          summary: `${all.length} commands. A line runs as a command only when it starts with ! (or /). Type !help <command> for examples.`,
          table: { columns: ['Usage', 'What it does'], rows: all.map((c) => [c.usage, c.danger === 'dangerous' ? `${c.summary} (asks to confirm)` : c.summary]) }
        }
      }
      const wanted = positional.map((w) => w.toLowerCase())
      const matches = all.filter((c) => wanted.every((w, i) => c.path[i] === w))
      if (matches.length === 0) return { title: `No command "${positional.join(' ')}"`, tone: 'warn', summary: 'Type !help for the list.' }
      return {
        title: `help ${positional.join(' ')}`,
        fields: matches.flatMap((c) => [
          { label: 'Usage', value: c.usage },
          { label: 'What it does', value: c.summary },
          { label: 'Examples', value: c.examples.join('\n') },
          ...(c.danger === 'dangerous' ? [{ label: 'Caution', value: 'Changes production systems; asks for confirmation.', tone: 'warn' as const }] : [])
        ])
      }
    }
  }
}
