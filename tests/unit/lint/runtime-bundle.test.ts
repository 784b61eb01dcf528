import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { EVAL_ONLY_SUGGEST } from '../../../scripts/eval-only-modules.mjs'

// What the app ships: the three main entries of electron.vite.config.ts and the renderer.
const ENTRIES = ['src/main/electron/main.ts', 'src/main/serve/serve-main.ts', 'src/main/cli.ts', 'src/renderer/src/main.tsx']

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined
  const base = resolve(dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(candidate) && !candidate.endsWith('/') && /\.(ts|tsx)$/.test(candidate)) return candidate
  }
  return undefined
}

/** Every source file reachable from the entries by relative imports (type-only ones too: stricter). */
function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>()
  const queue = entries.map((e) => resolve(e))
  while (queue.length) {
    const file = queue.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    for (const ref of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      const next = resolveImport(file, ref.fileName)
      if (next && !seen.has(next)) queue.push(next)
    }
  }
  return seen
}

describe('the runtime bundle', () => {
  const shipped = [...reachable(ENTRIES)].map((f) => relative(process.cwd(), f))

  it('holds the suggestion engine but none of its evaluation code', () => {
    expect(shipped).toContain('src/main/core/suggest/suggest-service.ts')
    const evalFiles = EVAL_ONLY_SUGGEST.map((f) => `src/main/core/suggest/${f}.ts`)
    for (const f of evalFiles) expect(existsSync(f), f).toBe(true)
    expect(shipped.filter((f) => evalFiles.includes(f))).toEqual([])
  })

  it('the walker follows imports (control: the eval script reaches the eval code)', () => {
    const evalScript = [...reachable(['scripts/eval-suggest.ts'])].map((f) => relative(process.cwd(), f))
    expect(evalScript).toContain('src/main/core/suggest/evaluate.ts')
  })
})
