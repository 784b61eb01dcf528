import type { z } from 'zod'
import type { CommandOutput } from '../../../shared/command-output'

/** Who is acting: an analyst at a workstation, a Slack user mapped to one, or the system. */
export interface Actor {
  id: string
  name: string
  role: 'analyst' | 'lead' | 'viewer' | 'system'
  via?: 'app' | 'slack' | 'alert'
  /** Roster groups: which restricted incidents they may see. */
  groups?: string[]
}

export interface CommandContext {
  actor: Actor
  incidentId: string
  /** Aborted when the run is cancelled or times out. */
  signal: AbortSignal
  /** Text of the message the command replies to, if any (for `ioc extract`). */
  replyText?: string
  /** The incident's title and description, for commands that default to scanning them. */
  incidentText?: string
  /** True when the analyst confirmed a dangerous command. */
  confirmed: boolean
}

export interface ParsedArgs {
  positional: string[]
  flags: Record<string, string | true>
}

export interface CommandSpec<A = unknown> {
  /** The words that name it: ["vtip"], ["vt", "domain"], ["ec2", "show"]. */
  path: string[]
  usage: string
  summary: string
  examples: string[]
  danger: 'safe' | 'dangerous'
  /** The outside service it asks (e.g. "VirusTotal"): its outcome shows in the top bar. */
  service?: string
  /** Flags that take no value. */
  booleanFlags?: string[]
  /** Zod schema over { positional, flags } after the command words; its messages become the one-line error. */
  args: z.ZodType<A>
  run(args: A, ctx: CommandContext): Promise<CommandOutput>
}
