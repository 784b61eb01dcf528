import { describe, expect, it } from 'vitest'
import { ESLint } from 'eslint'
import tseslint from 'typescript-eslint'

// The layering and the Electron checklist live in eslint.config.mjs; prove each rule fires.
const eslint = new ESLint({ cwd: process.cwd(), overrideConfig: [tseslint.configs.disableTypeChecked] })

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.message)
}

describe('lint holds the security checklist and the layers', () => {
  it('refuses insecure webPreferences in the Electron glue', async () => {
    const found = await messages('src/main/electron/fixture.ts', `export const p = { nodeIntegration: true, contextIsolation: false, sandbox: false }\n`)
    expect(found.join('\n')).toMatch(/nodeIntegration: true is not allowed/)
    expect(found.join('\n')).toMatch(/contextIsolation: false is not allowed/)
    expect(found.join('\n')).toMatch(/sandbox: false is not allowed/)
  })

  it('keeps electron and the shell out of core', async () => {
    const found = await messages('src/main/core/fixture.ts', `import { app } from 'electron'\nimport { exec } from 'node:child_process'\nexport { app, exec }\n`)
    expect(found.join('\n')).toMatch(/Core runs without Electron/)
    expect(found.join('\n')).toMatch(/No shell, ever/)
  })

  it('keeps the renderer to src/shared and the preload from leaking ipcRenderer', async () => {
    const renderer = await messages('src/renderer/src/fixture.ts', `import { openDb } from '../../main/core/db/open-db'\nexport { openDb }\n`)
    expect(renderer.join('\n')).toMatch(/imports only src\/shared/)
    const preload = await messages('src/preload/fixture.ts', `import { contextBridge, ipcRenderer } from 'electron'\ncontextBridge.exposeInMainWorld('x', { ipcRenderer })\n`)
    expect(preload.join('\n')).toMatch(/Never expose raw ipcRenderer/)
  })

  it('keeps src/shared pure', async () => {
    const found = await messages('src/shared/fixture.ts', `import { readFileSync } from 'node:fs'\nexport { readFileSync }\n`)
    expect(found.join('\n')).toMatch(/src\/shared is pure/)
  })
})
