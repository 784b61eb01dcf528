// Lint holds the layering and the Electron security checklist, so a regression fails CI.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { EVAL_ONLY_SUGGEST } from './scripts/eval-only-modules.mjs'

const restrict = (patterns) => ['error', { patterns: patterns.map((p) => ({ group: [p.group].flat(), message: p.message })) }]

const insecureWebPreferences = [
  ['nodeIntegration', 'true'],
  ['nodeIntegrationInWorker', 'true'],
  ['nodeIntegrationInSubFrames', 'true'],
  ['contextIsolation', 'false'],
  ['sandbox', 'false'],
  ['webSecurity', 'false'],
  ['allowRunningInsecureContent', 'true'],
  ['webviewTag', 'true'],
  ['experimentalFeatures', 'true']
].map(([key, value]) => ({
  selector: `Property[key.name='${key}'][value.value=${value}]`,
  message: `Electron security checklist: ${key}: ${value} is not allowed.`
}))

// `x as never` silences the type checker instead of telling it the truth; say the real type.
const noAsNever = [
  { selector: "TSAsExpression[typeAnnotation.type='TSNeverKeyword']", message: 'No `as never`: give the value its real type (or a narrow interface it satisfies).' },
  { selector: "TSAsExpression[typeAnnotation.type='TSArrayType'][typeAnnotation.elementType.type='TSNeverKeyword']", message: 'No `as never[]`: give the values their real type.' }
]

const evalOnlyFiles = EVAL_ONLY_SUGGEST.map((name) => `src/main/core/suggest/${name}.ts`)
const evalOnlyImports = EVAL_ONLY_SUGGEST.map((name) => ({
  group: [`**/suggest/${name}`, `./${name}`],
  message: 'Evaluation code stays out of the runtime bundle: only scripts/, bench/, tests/ and other eval modules import it.'
}))

const coreImports = [
  { group: '**/serve/**', message: 'Core never imports a transport: serve/ receives the core, not the other way round.' },
  { group: '**/app', message: 'Core never imports the composition root (app.ts): take what you need as an argument.' },
  { group: '**/app.ts', message: 'Core never imports the composition root (app.ts): take what you need as an argument.' }
]

const mainImports = [
  { group: 'electron', message: 'Core runs without Electron: take a platform adapter as an argument instead.' },
  { group: '**/electron/**', message: 'Core never imports the Electron glue.' },
  { group: '**/renderer/**', message: 'Main never imports the renderer.' },
  { group: '**/preload/**', message: 'Main never imports the preload.' },
  { group: 'child_process', message: 'No shell, ever: integrations speak HTTP through their clients.' },
  { group: 'node:child_process', message: 'No shell, ever: integrations speak HTTP through their clients.' }
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error'
    }
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['src/**/*.{ts,tsx}', 'tests/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'no-restricted-syntax': ['error', ...noAsNever]
    }
  },
  {
    // One scoped logger (src/main/core/logger.ts) writes every line: levels, redaction, the rotating file.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/core/logger.ts'],
    rules: { 'no-console': ['error'] }
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: 'node:*', message: 'src/shared is pure: no Node APIs.' },
        { group: 'electron', message: 'src/shared is pure: no Electron.' },
        { group: 'react*', message: 'src/shared is pure: no UI.' },
        { group: '**/main/**', message: 'src/shared imports nothing of ours.' },
        { group: '**/renderer/**', message: 'src/shared imports nothing of ours.' },
        { group: '**/preload/**', message: 'src/shared imports nothing of ours.' }
      ])
    }
  },
  {
    files: ['src/main/app.ts', 'src/main/serve/**/*.ts', 'src/main/cli.ts'],
    rules: { 'no-restricted-imports': restrict([...mainImports, ...evalOnlyImports]) }
  },
  {
    // Core is the bottom of main: the composition root (app.ts) and the transports sit above it.
    files: ['src/main/core/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...mainImports, ...coreImports, ...evalOnlyImports]) }
  },
  {
    // The log is the bottom of core: it stores and chains events; who reads them subscribes to it.
    files: ['src/main/core/log/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        ...mainImports,
        ...coreImports,
        ...evalOnlyImports,
        ...['projections', 'search', 'sync', 'archive', 'incidents', 'chat', 'commands', 'integrations', 'mirror', 'notify', 'alerts', 'team', 'suggest', 'kpi', 'report', 'evidence'].map((layer) => ({
          group: `**/${layer}/**`,
          message: 'The log knows only db/ and its own files: projections and services subscribe to it, and the composition root hands it its Projector.'
        }))
      ])
    }
  },
  {
    // The evaluation modules may import each other; nothing shipped may import them.
    files: evalOnlyFiles,
    rules: { 'no-restricted-imports': restrict([...mainImports, ...coreImports]) }
  },
  {
    files: ['src/main/electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noAsNever, ...insecureWebPreferences],
      'no-restricted-imports': restrict([
        { group: '**/renderer/**', message: 'Main never imports the renderer.' },
        { group: 'child_process', message: 'No shell, ever.' },
        { group: 'node:child_process', message: 'No shell, ever.' },
        ...evalOnlyImports
      ])
    }
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: '**/main/**', message: 'The preload only bridges names from the contract.' },
        { group: '**/renderer/**', message: 'The preload only bridges names from the contract.' }
      ]),
      'no-restricted-syntax': [
        'error',
        ...noAsNever,
        {
          selector: "CallExpression[callee.object.name='contextBridge'] > ObjectExpression > Property[value.name='ipcRenderer']",
          message: 'Never expose raw ipcRenderer.'
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict([
        { group: 'electron', message: 'The renderer talks to main only through window.virgil / the serve socket.' },
        { group: 'node:*', message: 'The renderer has no Node APIs.' },
        { group: '**/main/**', message: 'The renderer imports only src/shared.' },
        { group: '**/preload/**', message: 'The renderer imports only src/shared.' }
      ]),
      'no-restricted-syntax': [
        'error',
        ...noAsNever,
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'No raw HTML in the renderer: command output is untrusted.' }
      ]
    }
  }
)
