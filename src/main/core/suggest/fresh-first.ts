import { prefillLine, type Indicators } from './prefill'

/** The same line whatever its prefix, spacing or the case of its command words. */
export function normaliseLine(line: string): string {
  return line.trim().replace(/^[!/]/, '').replace(/\s+/g, ' ').toLowerCase()
}

export interface FreshLine {
  line: string
  /** Every line this suggestion could offer was already run in this room. */
  repeats: boolean
}

/**
 * Pre-fills a command with the first indicator not yet run through it in this room, so "!defang X"
 * becomes "!defang Y" once X is done. A bare command (no argument Virgil can fill) repeats once it
 * has run here at all: the analyst has its output on screen already.
 */
export function freshLine(command: string, found: Indicators, ran: ReadonlySet<string>): FreshLine {
  const first = prefillLine(command, found)
  if (!ran.has(normaliseLine(first)) && !(first === command && ranCommand(ran, command))) return { line: first, repeats: false }
  for (const value of [...found.iocs.map((i) => i.value), ...found.instances]) {
    const other = prefillLine(command, { iocs: found.iocs.filter((i) => i.value === value), instances: found.instances.filter((i) => i === value) })
    if (other !== first && other.trim() !== command && !ran.has(normaliseLine(other))) return { line: other, repeats: false }
  }
  return { line: first, repeats: true }
}

function ranCommand(ran: ReadonlySet<string>, command: string): boolean {
  const c = command.toLowerCase()
  for (const line of ran) if (line === c || line.startsWith(`${c} `)) return true
  return false
}

/** Fresh suggestions first, in the engine's order; repeats after them, also in order. */
export function freshFirst<T extends { repeats: boolean }>(items: readonly T[]): T[] {
  return [...items.filter((s) => !s.repeats), ...items.filter((s) => s.repeats)]
}
