import { stripCommandPrefix, tokenize } from '../../../shared/command-grammar'
import type { CommandInfo } from '../../../shared/domain'

export interface Completion {
  command: CommandInfo
  /** The full draft after accepting this completion. */
  text: string
}

const MAX_COMPLETIONS = 8

function words(draft: string): string[] {
  try {
    return tokenize(stripCommandPrefix(draft))
  } catch {
    return []
  }
}

/** The `/` or `!` the analyst typed, so completing `/vt` gives `/vtip`; none typed yet gives `!`. */
function prefixOf(draft: string): string {
  const trimmed = draft.trimStart()
  return stripCommandPrefix(draft) === trimmed ? '' : trimmed.slice(0, 1)
}

/**
 * Commands whose words extend what is typed, while the analyst is still typing command words
 * (`!vt` → `!vtip`, `!vt domain`, …). Once an argument is being typed, nothing is offered. The list
 * shows only for a draft that starts with `!` or `/`: plain chat is never interrupted.
 */
export function completionsFor(draft: string, commands: readonly CommandInfo[]): Completion[] {
  if (prefixOf(draft) === '') return []
  return extensions(draft, commands)
}

/**
 * Tab on a plain first word that starts a command (`vti` → `!vtip `): the completion inserts the
 * prefix. Undefined when the word starts no command or is ambiguous.
 */
export function tabCompletion(draft: string, commands: readonly CommandInfo[]): string | undefined {
  const typed = draft.trim().toLowerCase()
  if (prefixOf(draft) !== '' || /\s/.test(typed) || typed === '') return undefined
  if (commands.some((c) => c.path[0] === typed)) return `!${typed} `
  const found = extensions(draft.trim(), commands)
  const words = new Set(found.map((c) => c.command.path[0]))
  if (words.size !== 1) return undefined
  return `!${[...words][0]} `
}

function extensions(draft: string, commands: readonly CommandInfo[]): Completion[] {
  if (draft.includes('\n')) return []
  const typed = words(draft)
  if (typed.length === 0) return []
  const endsWithSpace = /\s$/.test(draft)
  const done = endsWithSpace ? typed : typed.slice(0, -1)
  const partial = endsWithSpace ? '' : (typed[typed.length - 1] ?? '')
  const prefix = prefixOf(draft)

  const matches = commands.filter((c) => {
    if (c.path.length <= done.length) return false
    if (!done.every((w, i) => c.path[i] === w)) return false
    return (c.path[done.length] ?? '').startsWith(partial)
  })
  const exact = matches.every((c) => c.path.join(' ') === typed.join(' ')) && !endsWithSpace
  if (exact) return []
  return matches.slice(0, MAX_COMPLETIONS).map((command) => ({ command, text: `${prefix}${command.path.join(' ')} ` }))
}

/** The command the draft is using (longest path that its leading words match), for the usage hint. */
export function commandInDraft(draft: string, commands: readonly CommandInfo[]): CommandInfo | undefined {
  const typed = words(draft.split('\n', 1)[0] ?? '')
  let best: CommandInfo | undefined
  for (const c of commands) {
    if (c.path.length > typed.length) continue
    if (!c.path.every((w, i) => typed[i] === w)) continue
    if (!best || c.path.length > best.path.length) best = c
  }
  return best
}
