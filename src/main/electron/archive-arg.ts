/** The file after `--open` (or in `--open=FILE`) on the command line, if any. */
export function archiveArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    if (a.startsWith('--open=')) return a.slice('--open='.length) || undefined
    if (a === '--open') {
      const next = argv[i + 1]
      return next && !next.startsWith('--') ? next : undefined
    }
  }
  return undefined
}
