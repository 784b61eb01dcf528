import { z } from 'zod'

/** Rejects any flag, with words instead of zod's "Unrecognized key". */
export const noFlags = z
  .record(z.string(), z.union([z.string(), z.literal(true)]))
  .refine((flags) => Object.keys(flags).length === 0, { message: 'This command takes no flags' })

/** Everything after the command words, joined back: for commands that take free text. */
export const restText = (what: string) =>
  z.object({ positional: z.array(z.string()), flags: noFlags }).transform((a) => a.positional.join(' ')).pipe(z.string())
    .refine((t) => t.length <= 100_000, { message: `${what} is too long` })

export const exactlyOne = (name: string, check?: z.ZodType<string, string>) =>
  z.object({
    positional: z
      .array(z.string())
      .min(1, `Missing ${name}`)
      .max(1, `Only one ${name} at a time`)
      .transform((p) => p[0] as string)
      .pipe(check ?? z.string()),
    flags: noFlags
  })
