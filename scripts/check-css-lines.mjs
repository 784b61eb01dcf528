// `npm run lint` runs this beside ESLint: a stylesheet, like a module, stays under 300 lines
// (blank lines and comments not counted). Split a long one by component.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

export const MAX_CSS_LINES = 300

/** Lines that count: not blank, not inside a comment. */
export function countCssLines(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
  return code.split('\n').filter((line) => line.trim() !== '').length
}

function cssFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? cssFiles(join(dir, e.name)) : e.name.endsWith('.css') ? [join(dir, e.name)] : []
  )
}

/** Every .css file under `roots` over the limit, with its count. */
export function cssOffenders(roots, max = MAX_CSS_LINES) {
  return roots.flatMap(cssFiles).flatMap((file) => {
    const lines = countCssLines(readFileSync(file, 'utf8'))
    return lines > max ? [{ file, lines }] : []
  })
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const offenders = cssOffenders(['src'])
  for (const o of offenders) process.stderr.write(`${relative(process.cwd(), o.file)}: ${o.lines} lines (max ${MAX_CSS_LINES}); split it by component.\n`)
  process.exit(offenders.length ? 1 : 0)
}
