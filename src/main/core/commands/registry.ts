import type { CommandInfo } from '../../../shared/domain'
import { withCommandPrefix } from '../../../shared/command-grammar'
import type { CommandSpec } from './types'

/** Command words → specs; the longest matching path wins (`vt domain` before `vt`). */
export class CommandRegistry {
  private readonly specs: CommandSpec<unknown>[] = []

  register(...specs: CommandSpec<unknown>[]): void {
    for (const spec of specs) {
      const key = spec.path.join(' ')
      if (this.specs.some((s) => s.path.join(' ') === key)) throw new Error(`Command "${key}" registered twice`)
      // Usage and examples are shown as typed: commands are explicit, so they carry the `!`.
      const shown = { ...spec, usage: withCommandPrefix(spec.usage), examples: spec.examples.map(withCommandPrefix) }
      this.specs.push(shown)
    }
    this.specs.sort((a, b) => b.path.length - a.path.length)
  }

  /** The first words of every command, to tell a command line from a chat line. */
  words(): string[] {
    return [...new Set(this.specs.map((s) => s.path[0] as string))]
  }

  match(tokens: string[]): { spec: CommandSpec<unknown>; rest: string[] } | undefined {
    for (const spec of this.specs) {
      if (spec.path.every((word, i) => tokens[i]?.toLowerCase() === word)) return { spec, rest: tokens.slice(spec.path.length) }
    }
    return undefined
  }

  /** Specs whose first word matches, for "did you mean" usage lines. */
  family(word: string): CommandSpec<unknown>[] {
    return this.specs.filter((s) => s.path[0] === word.toLowerCase())
  }

  list(): CommandInfo[] {
    return [...this.specs]
      .sort((a, b) => a.path.join(' ').localeCompare(b.path.join(' ')))
      .map((s) => ({ path: s.path, usage: s.usage, summary: s.summary, examples: s.examples, danger: s.danger }))
  }
}
