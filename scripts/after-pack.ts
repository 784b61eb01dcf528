// electron-builder afterPack hook: flips the Electron fuses before the app is signed and wrapped
// into an installer, so a packaged Virgil cannot be turned into a plain Node runtime or debugged
// into, and only runs the (integrity-checked) app.asar it shipped with.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses'
import { Arch, type AfterPackContext } from 'electron-builder'

export const virgilFuses = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableCookieEncryption]: true
} as const satisfies Partial<Record<FuseV1Options, boolean>>

export function fuseConfig(platform: string, arch: Arch): FuseV1Config {
  return {
    version: FuseVersion.V1,
    // Flipping a fuse breaks the ad-hoc signature an unsigned Apple-silicon build needs to launch.
    resetAdHocDarwinSignature: platform === 'darwin' && (arch === Arch.arm64 || arch === Arch.universal),
    ...virgilFuses
  }
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  await context.packager.addElectronFuses(context, fuseConfig(context.electronPlatformName, context.arch))
}
