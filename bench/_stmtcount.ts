import Database from 'better-sqlite3'
const counts = new Map<string, { n: number; ns: bigint }>()
const proto = (Database as unknown as { prototype: { prepare: (s: string) => unknown } }).prototype
const origPrepare = proto.prepare
proto.prepare = function (this: unknown, sql: string) {
  const st = origPrepare.call(this, sql) as Record<string, (...a: unknown[]) => unknown>
  for (const m of ['run', 'get', 'all']) {
    const f = st[m] as (...a: unknown[]) => unknown
    st[m] = function (this: unknown, ...a: unknown[]) {
      const t = process.hrtime.bigint()
      try { return f.apply(this, a) } finally {
        const k = sql.replace(/\s+/g, ' ').slice(0, 110)
        const c = counts.get(k) ?? { n: 0, ns: 0n }
        c.n++; c.ns += process.hrtime.bigint() - t; counts.set(k, c)
      }
    }
  }
  return st
}
process.on('exit', () => {
  const rows = [...counts].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 30)
  for (const [k, c] of rows) console.log(String(c.n).padStart(8), (Number(c.ns) / 1e6).toFixed(0).padStart(6) + 'ms', k)
})
