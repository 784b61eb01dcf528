import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'
import { colourOffenders, countCssLines, cssOffenders, strayColours } from '../../../scripts/check-css-lines.mjs'

// The rules in eslint.config.mjs that hold the structure (issue 12, part 6): prove each one fires.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] })

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`)
}

describe('lint guards the architecture', () => {
  it('keeps core below the transports and the composition root', async () => {
    const found = (
      await messages(
        'src/main/core/chat/fixture.ts',
        `import { startServe } from '../../serve/serve-server'\nimport { createCore } from '../../app'\nimport { registerIpc } from '../../electron/ipc'\nimport { App } from '../../../renderer/src/App'\nexport { startServe, createCore, registerIpc, App }\n`
      )
    ).join('\n')
    expect(found).toMatch(/Core never imports a transport/)
    expect(found).toMatch(/Core never imports the composition root/)
    expect(found).toMatch(/Core never imports the Electron glue/)
    expect(found).toMatch(/Main never imports the renderer/)
    // The composition root itself may import serve-side and core modules.
    const root = await messages('src/main/app.ts', `import { resolveVaultKey } from './serve/vault-key'\nexport { resolveVaultKey }\n`)
    expect(root.join('\n')).not.toMatch(/no-restricted-imports/)
  })

  it('keeps the log ignorant of its projections and of every service above it', async () => {
    const found = await messages('src/main/core/log/fixture.ts', `import { applyEvent } from '../projections/apply'\nimport { startSearchIndexer } from '../search/search-index'\nexport { applyEvent, startSearchIndexer }\n`)
    expect(found.filter((m) => /The log knows only db\//.test(m))).toHaveLength(2)
    const fine = await messages('src/main/core/log/fixture.ts', `import { stmt } from '../db/statements'\nimport { canonicalJson } from './canonical'\nexport { stmt, canonicalJson }\n`)
    expect(fine.join('\n')).not.toMatch(/no-restricted-imports/)
  })

  it('keeps the renderer to src/shared', async () => {
    const found = await messages('src/renderer/src/components/Fixture.tsx', `import { createLogger } from '../../../main/core/logger'\nexport const log = createLogger('x')\n`)
    expect(found.join('\n')).toMatch(/imports only src\/shared/)
    const fine = await messages('src/renderer/src/components/Fixture.tsx', `import { parseSettings } from '../../../shared/settings'\nexport { parseSettings }\n`)
    expect(fine.join('\n')).not.toMatch(/no-restricted-imports/)
  })

  it('refuses a file over 300 lines of code, not counting blank lines and comments', async () => {
    const code = (n: number): string => Array.from({ length: n }, (_, i) => `export const v${i} = ${i}\n\n// note ${i}`).join('\n') + '\n'
    expect((await messages('src/main/core/fixture.ts', code(301))).join('\n')).toMatch(/max-lines: File has too many lines \(301\)/)
    expect((await messages('tests/unit/fixture.test.ts', code(301))).join('\n')).toMatch(/max-lines/)
    expect((await messages('src/main/core/fixture.ts', code(300))).join('\n')).not.toMatch(/max-lines/)
  })

  it('refuses console.* anywhere in src but the logger', async () => {
    for (const file of ['src/main/core/fixture.ts', 'src/main/serve/fixture.ts', 'src/renderer/src/fixture.ts', 'src/main/cli.ts']) {
      expect((await messages(file, `console.log('hello')\n`)).join('\n')).toMatch(/no-console/)
    }
    expect((await messages('src/main/core/logger.ts', `console.error('the logger itself')\n`)).join('\n')).not.toMatch(/no-console/)
  })

  it('refuses `as never` and `as never[]` in src and tests, keeping the layer rules beside it', async () => {
    for (const file of ['src/main/core/fixture.ts', 'src/renderer/src/fixture.tsx', 'src/preload/fixture.ts', 'src/main/electron/fixture.ts', 'tests/unit/fixture.test.ts']) {
      const found = (await messages(file, `const a: unknown = 1\nexport const b = a as never\nexport const c = [a] as never[]\n`)).join('\n')
      expect(found, file).toMatch(/No `as never`: give the value its real type/)
      expect(found, file).toMatch(/No `as never\[\]`/)
    }
    expect((await messages('src/main/electron/fixture.ts', `export const p = { sandbox: false }\n`)).join('\n')).toMatch(/sandbox: false is not allowed/)
  })

  it('refuses a stylesheet over 300 lines (npm run lint runs the check)', () => {
    expect(countCssLines('a {\n  color: red;\n}\n\n/* one\n two */\n')).toBe(3)
    const dir = mkdtempSync(join(tmpdir(), 'virgil-css-'))
    try {
      mkdirSync(join(dir, 'styles'))
      writeFileSync(join(dir, 'styles', 'long.css'), '.x {\n  color: var(--text);\n}\n'.repeat(101))
      writeFileSync(join(dir, 'styles', 'short.css'), '.x {\n  color: var(--text);\n}\n'.repeat(100))
      expect(cssOffenders([dir]).map((o) => [o.file.endsWith('long.css'), o.lines])).toEqual([[true, 303]])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    expect(cssOffenders(['src'])).toEqual([])
  })

  it('refuses colours outside the theme tokens (npm run lint runs the check)', () => {
    expect(strayColours(':root {\n  --bg: #131519;\n  --shadow: rgb(0 0 0 / 45%);\n}\n.a { color: var(--bg); }\n')).toEqual([])
    expect(strayColours('.a { color: #f08b85; box-shadow: 0 0 2px rgba(0, 0, 0, 0.4); }\n/* #fff in a comment is fine */')).toEqual(['#f08b85', 'rgba('])
    expect(strayColours(`const stroke = '#888'\nconst id = '#root'\n`, 'code')).toEqual(['#888'])
    expect(colourOffenders(['src/renderer'])).toEqual([])
  })

  it('keeps the suggestion evaluation code out of everything shipped', async () => {
    const refused = /Evaluation code stays out of the runtime bundle/
    expect((await messages('src/main/core/suggest/suggester.ts', `import { evaluate } from './evaluate'\nexport { evaluate }\n`)).join('\n')).toMatch(refused)
    expect((await messages('src/main/serve/fixture.ts', `import { evaluate } from '../core/suggest/evaluate'\nexport { evaluate }\n`)).join('\n')).toMatch(refused)
    expect((await messages('src/main/electron/fixture.ts', `import { x } from '../core/suggest/fit-blend'\nexport { x }\n`)).join('\n')).toMatch(refused)
    // Evaluation modules may use each other.
    expect((await messages('src/main/core/suggest/baselines.ts', `import { evaluate } from './evaluate'\nexport { evaluate }\n`)).join('\n')).not.toMatch(refused)
  })
})
