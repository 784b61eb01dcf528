import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import type { Stats } from 'node:fs'
import { FileMatcher } from 'app-builder-lib/out/fileMatcher'
import config from '../../../electron-builder'
import afterPack from '../../../scripts/after-pack'

const file = { isDirectory: () => false } as Stats
const root = process.cwd()

/** The same matcher electron-builder runs over the app's own files (node_modules are walked separately). */
function packs(patterns: string[], relative: string): boolean {
  return new FileMatcher(root, '/', (s) => s, patterns).createFilter()(`${root}/${relative}`, file)
}

const targets = (platform: unknown): string[] => (platform as { target: string[] }).target

describe('electron-builder config', () => {
  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(targets(config.linux)).toEqual(['AppImage', 'deb'])
    expect(targets(config.mac)).toEqual(['dmg'])
    expect(targets(config.win)).toEqual(['nsis'])
  })

  it('packs the built app and resources, never sources, tests, benchmarks or docs', () => {
    const files = config.files as string[]
    for (const shipped of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'resources/suggest-prior.json']) {
      expect(packs(files, shipped), shipped).toBe(true)
    }
    for (const left of ['src/main/app.ts', 'tests/unit/packaging/builder-config.test.ts', 'bench/run.ts', 'docs/architecture.md', 'electron-builder.ts', '.native/electron-45.5.0/better_sqlite3.node']) {
      expect(packs(files, left), left).toBe(false)
    }
  })

  it('keeps the exclusions at the app root so dependencies keep their own src/ and docs/', () => {
    // electron-builder applies only the "!" patterns of `files` to node_modules, after "**/*".
    const excludes = ['**/*', ...(config.files as string[]).filter((p) => p.startsWith('!'))]
    expect(packs(excludes, 'node_modules/zod/src/index.ts')).toBe(true)
    expect(packs(excludes, 'node_modules/nats/lib/src/mod.js')).toBe(true)
  })

  it('ships better-sqlite3 without its C sources and object files', () => {
    const excludes = ['**/*', ...(config.files as string[]).filter((p) => p.startsWith('!'))]
    for (const runs of ['node_modules/better-sqlite3/lib/index.js', 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', 'node_modules/better-sqlite3/package.json']) {
      expect(packs(excludes, runs), runs).toBe(true)
    }
    for (const source of ['node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'node_modules/better-sqlite3/src/better_sqlite3.cpp', 'node_modules/better-sqlite3/build/Release/obj/gen/x.o']) {
      expect(packs(excludes, source), source).toBe(false)
    }
  })

  it('rebuilds better-sqlite3 for Electron and unpacks it from the asar', () => {
    expect(config.npmRebuild).toBe(true)
    expect(config.asar).not.toBe(false)
    const unpack = config.asarUnpack as string[]
    expect(packs(unpack, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true)
    expect(packs(unpack, 'node_modules/better-sqlite3/lib/index.js')).toBe(false)
    expect(packs(unpack, 'out/main/index.js')).toBe(false)
  })

  it('signs macOS builds with the hardened runtime and only the JIT exception', () => {
    expect(config.mac?.hardenedRuntime).toBe(true)
    const plist = readFileSync(config.mac?.entitlements as string, 'utf8')
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1])
    expect(granted).toEqual(['com.apple.security.cs.allow-jit'])
    expect(config.mac?.entitlementsInherit).toBe(config.mac?.entitlements)
  })

  it('flips the fuses in afterPack', () => {
    expect(config.afterPack).toBe(afterPack)
  })
})
