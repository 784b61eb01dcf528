import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { randomBytes } from 'node:crypto'

export interface ServeProcess {
  url: string
  dataDir: string
  env: Record<string, string>
  stop(signal?: NodeJS.Signals): Promise<void>
  restart(): Promise<ServeProcess>
  output(): string
  /** Sends a signal and returns at once (stop() waits for the exit). */
  signal(signal: NodeJS.Signals): void
  isRunning(): boolean
}

const SERVE_JS = resolve('out/main/serve.js')

/** Runs the built serve mode as a real process on a fresh data dir, as an analyst would; `args` adds flags (`--open FILE`). */
export async function startServe(env: Record<string, string> = {}, dataDir?: string, vaultKey?: string, args: string[] = []): Promise<ServeProcess> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'virgil-e2e-'))
  const key = vaultKey ?? randomBytes(32).toString('hex')
  const child: ChildProcess = spawn(process.execPath, [SERVE_JS, '--data-dir', dir, ...args], {
    // Specs start as a known analyst unless they test the first-run dialog (pass '' to see it).
    env: { ...process.env, VIRGIL_IDENTITY_NAME: 'Analyst', VIRGIL_IDENTITY_HANDLE: 'analyst', ...env, VIRGIL_VAULT_KEY: key },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()))
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start in 20 s:\n${out}`)), 20_000)
    child.stdout?.on('data', () => {
      const m = /Virgil serving at (\S+)/.exec(out)
      if (m?.[1]) {
        clearTimeout(timer)
        ok(m[1])
      }
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`serve exited with ${code}:\n${out}`))
    })
  })
  const proc: ServeProcess = {
    url,
    dataDir: dir,
    env,
    output: () => out,
    signal: (signal) => void child.kill(signal),
    isRunning: () => child.exitCode === null && child.signalCode === null,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((r) => child.once('exit', () => r()))
      child.kill(signal)
      await exited
    },
    async restart() {
      await proc.stop()
      return startServe(env, dir, key, args)
    }
  }
  return proc
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
}
