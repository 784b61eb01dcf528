// Installers: AppImage + deb, dmg, nsis. electron-builder finds this file by its name; `npm run dist`.
import type { Configuration } from 'electron-builder'
import afterPack from './scripts/after-pack'

const config: Configuration = {
  appId: 'org.virgil.desktop',
  productName: 'Virgil',
  copyright: 'Copyright © Virgil contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the built app; electron-builder adds package.json and the production node_modules itself,
  // applying the "!" patterns here to them too (so those stay anchored at the root).
  files: [
    'out/**/*',
    'resources/**/*',
    '!**/*.map',
    '!{src,tests,bench,docs}{,/**/*}',
    // better-sqlite3's C sources and object files (20 MB); only its lib/ and the .node file run.
    '!node_modules/better-sqlite3/{src,deps,build/deps,build/Release/obj}{,/**/*}',
    '!node_modules/better-sqlite3/build/Release/test_extension.node'
  ],
  asar: true,
  // A .node file cannot be loaded from inside an asar archive.
  asarUnpack: ['node_modules/better-sqlite3/**/*.node'],
  // Rebuilds better-sqlite3 for Electron's ABI (@electron/rebuild) in node_modules; scripts/dist.mjs puts the Node build back.
  npmRebuild: true,
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Security',
    executableName: 'virgil',
    maintainer: 'Virgil maintainers <virgil@example.invalid>'
  },
  deb: {
    // safeStorage refuses to seal secrets without a keyring.
    recommends: ['gnome-keyring']
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.business',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist'
  },
  win: { target: ['nsis'] },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true
  }
}

export default config
