import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FuseV1Options, flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { Arch, type AfterPackContext } from 'electron-builder'
import afterPack, { fuseConfig, virgilFuses } from '../../../scripts/after-pack'

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
// Fuse states as Electron stores them: ASCII '1' and '0'.
const FuseState = { ENABLE: 0x31, DISABLE: 0x30 } as const

/** A stand-in Electron binary: the fuse sentinel, wire version 1, eight fuses at Electron's defaults. */
function fakeElectron(): string {
  const defaults = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE]
  const path = join(mkdtempSync(join(tmpdir(), 'virgil-fuses-')), 'virgil')
  writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF…'), Buffer.from(SENTINEL), Buffer.from([1, defaults.length, ...defaults]), Buffer.from('…')]))
  return path
}

describe('Electron fuses', () => {
  it('lists the six hardening fuses with their wanted state', () => {
    expect(virgilFuses).toEqual({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.EnableCookieEncryption]: true
    })
  })

  it('writes them into the binary, leaving the other fuses as Electron shipped them', async () => {
    const binary = fakeElectron()
    await flipFuses(binary, fuseConfig('linux', Arch.x64))
    const wire = await getCurrentFuseWire(binary)
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE)
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.ENABLE)
  })

  it('re-signs ad hoc only for Apple-silicon and universal macOS builds', () => {
    expect(fuseConfig('darwin', Arch.arm64).resetAdHocDarwinSignature).toBe(true)
    expect(fuseConfig('darwin', Arch.universal).resetAdHocDarwinSignature).toBe(true)
    expect(fuseConfig('darwin', Arch.x64).resetAdHocDarwinSignature).toBe(false)
    expect(fuseConfig('win32', Arch.arm64).resetAdHocDarwinSignature).toBe(false)
  })

  it('the afterPack hook hands the packed app and the fuse config to electron-builder', async () => {
    const calls: unknown[][] = []
    const context = {
      electronPlatformName: 'darwin',
      arch: Arch.arm64,
      appOutDir: '/tmp/mac-arm64',
      packager: { addElectronFuses: async (...args: unknown[]) => void calls.push(args) }
    } as unknown as AfterPackContext
    await afterPack(context)
    expect(calls).toEqual([[context, fuseConfig('darwin', Arch.arm64)]])
  })
})
