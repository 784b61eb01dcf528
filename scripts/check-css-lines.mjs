// `npm run lint` runs this beside ESLint: a stylesheet, like a module, stays under 300 lines
// (blank lines and comments not counted; split a long one by component), and colours come only
// from the theme tokens declared in a `:root { … }` block (src/renderer/src/styles/base.css).
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'

export const MAX_CSS_LINES = 300

/** Lines that count: not blank, not inside a comment. */
export function countCssLines(text) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
  return code.split('\n').filter((line) => line.trim() !== '').length
}

function filesEnding(dir, endings) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesEnding(join(dir, e.name), endings) : endings.some((x) => e.name.endsWith(x)) ? [join(dir, e.name)] : []
  )
}
const cssFiles = (dir) => filesEnding(dir, ['.css'])

const COLOUR = /#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(/g

/** Colour literals outside a `:root { … }` token block: in stylesheets, and as strings in renderer code. */
export function strayColours(text, kind = 'css') {
  if (kind === 'css') {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/:root\s*\{[^}]*\}/g, '')
    return code.match(COLOUR) ?? []
  }
  return [...text.matchAll(/['"`](#[0-9a-fA-F]{3,8})['"`]/g)].map((m) => m[1])
}

/** Every stylesheet or renderer module under `roots` that names a colour instead of a token. */
export function colourOffenders(roots) {
  return roots.flatMap((root) => filesEnding(root, ['.css', '.ts', '.tsx'])).flatMap((file) => {
    const found = strayColours(readFileSync(file, 'utf8'), file.endsWith('.css') ? 'css' : 'code')
    return found.length ? [{ file, colours: found }] : []
  })
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
  const colours = colourOffenders(['src/renderer'])
  for (const o of colours) process.stderr.write(`${relative(process.cwd(), o.file)}: ${o.colours.join(', ')}; use a theme token (var(--…)) from styles/base.css.\n`)
  process.exit(offenders.length || colours.length ? 1 : 0)
}
