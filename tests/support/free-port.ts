import { createServer } from 'node:net'

/** A loopback port nobody listens on right now: bind port 0, read what the OS gave, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('The OS gave no port'))))
    })
  })
}
