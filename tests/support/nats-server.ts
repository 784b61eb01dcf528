import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port'

export interface NatsServer {
  url: string
  port: number
  stop(): Promise<void>
  start(): Promise<void>
  dispose(): Promise<void>
}


/** A real nats-server (Debian's) with JetStream on a free loopback port and its own store dir. */
export async function startNatsServer(): Promise<NatsServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'virgil-nats-'))
  let child: ChildProcess | undefined
  const start = async (): Promise<void> => {
    child = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir], { stdio: ['ignore', 'pipe', 'pipe'] })
    await new Promise<void>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`nats-server did not start:\n${out}`)), 10_000)
      const onData = (d: Buffer): void => {
        out += d.toString()
        if (out.includes('Server is ready')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child?.stdout?.on('data', onData)
      child?.stderr?.on('data', onData)
      child?.once('exit', (code) => reject(new Error(`nats-server exited with ${code}:\n${out}`)))
    })
  }
  const stop = async (): Promise<void> => {
    if (!child || child.exitCode !== null) return
    const exited = new Promise<void>((r) => child?.once('exit', () => r()))
    child.kill('SIGTERM')
    await exited
  }
  await start()
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    start,
    stop,
    async dispose() {
      await stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
