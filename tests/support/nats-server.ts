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
  /** kill -9: no goodbye to clients or peers. */
  kill9(): Promise<void>
  dispose(): Promise<void>
}

export interface NatsServerOptions {
  /** A configuration file, started as written (docs/nats/team.conf). */
  config?: string
  /** Environment for the configuration's $VARIABLES; VIRGIL_NATS_STORE is set to the store dir. */
  env?: Record<string, string>
  /** Cluster membership: this node's name, its route port and all routes (ports). */
  cluster?: { name: string; port: number; routes: number[] }
  port?: number
  /** JetStream ready (a cluster elects its meta leader after "Server is ready"). */
  readyText?: string
}

/** A real nats-server (Debian's) with JetStream on a free loopback port and its own store dir. */
export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServer> {
  const port = opts.port ?? (await freePort())
  const dir = mkdtempSync(join(tmpdir(), 'virgil-nats-'))
  let child: ChildProcess | undefined
  const args = opts.config ? ['-c', opts.config, '-a', '127.0.0.1', '-p', String(port)] : ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', dir]
  if (opts.cluster) {
    const c = opts.cluster
    args.push('-n', c.name, '--cluster_name', 'virgil', '--cluster', `nats://127.0.0.1:${c.port}`, '--routes', c.routes.map((p) => `nats://127.0.0.1:${p}`).join(','))
  }
  const start = async (): Promise<void> => {
    child = spawn('nats-server', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VIRGIL_NATS_STORE: dir, ...opts.env } })
    await new Promise<void>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error(`nats-server did not start:\n${out}`)), 15_000)
      const onData = (d: Buffer): void => {
        out += d.toString()
        if (out.includes(opts.readyText ?? 'Server is ready')) {
          clearTimeout(timer)
          resolve()
        }
      }
      child?.stdout?.on('data', onData)
      child?.stderr?.on('data', onData)
      child?.once('exit', (code) => reject(new Error(`nats-server exited with ${code}:\n${out}`)))
    })
  }
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((r) => child?.once('exit', () => r()))
    child.kill(signal)
    await exited
  }
  await start()
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    start,
    stop: () => end('SIGTERM'),
    kill9: () => end('SIGKILL'),
    async dispose() {
      await end('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Three nodes on free loopback ports forming one JetStream cluster. */
export async function startNatsCluster(): Promise<NatsServer[]> {
  const ports = [await freePort(), await freePort(), await freePort()]
  const routes = [await freePort(), await freePort(), await freePort()]
  return Promise.all(ports.map((port, i) => startNatsServer({ port, cluster: { name: `n${i + 1}`, port: routes[i] as number, routes } })))
}
