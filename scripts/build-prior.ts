/**
 * Builds resources/suggest-prior.json, the engine's cold-start prior, from the public
 * XSOAR playbook flows: each playbook's steps mapped to Virgil command names where the
 * mapping is honest (same action on the same kind of object), plumbing dropped,
 * sub-playbook calls expanded into their own mapped steps.
 *   node --import tsx scripts/build-prior.ts [--flows FILE.jsonl] [--out resources/suggest-prior.json]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { parsePrior, type SuggestPrior } from '../src/main/core/suggest/prior'

const { values } = parseArgs({
  options: {
    flows: { type: 'string', default: '../shared/data/xsoar-playbook-flows.jsonl' },
    out: { type: 'string', default: 'resources/suggest-prior.json' }
  }
})

const Step = z.object({ kind: z.string(), token: z.string().nullish(), brand: z.string().nullish() })
const Row = z.object({ pack: z.string(), id: z.string(), name: z.string(), commands: z.array(z.string()), steps: z.array(Step) })
type Row = z.infer<typeof Row>

const REPUTATION: Record<string, string> = { ip: 'vtip', url: 'vt url', domain: 'vt domain', file: 'vt hash' }
const EXTRACT = new Set(['extractIndicators', 'ExtractIP', 'ExtractHash', 'ExtractURL', 'ExtractEmail', 'ExtractDomain', 'ExtractIndicatorsFromTextFile', 'ParseHTMLIndicators'])

/** The Virgil command an XSOAR step does the same job as, or undefined (plumbing, or nothing honest). */
export function mapStep(token: string, brand: string | null | undefined): string | undefined {
  const isVirusTotal = !brand || /virustotal/i.test(brand)
  const rep = REPUTATION[token]
  if (rep && isVirusTotal) return rep
  const vt = /^vt-private-get-(ip|url|domain|file)-report$/.exec(token)
  if (vt?.[1]) return REPUTATION[vt[1]]
  if (token === 'whois' || /-whois$/.test(token) || /rdap/i.test(token)) return 'whois'
  if (EXTRACT.has(token)) return 'ioc extract'
  if (token === 'Base64Decode') return 'b64 decode'
  if (token === 'Base64Encode') return 'b64 encode'
  if (/^aws-ec2-describe-instances$/.test(token)) return 'ec2 show'
  if (/^aws-cloudwatch-.*metric/i.test(token)) return 'ec2 cpu'
  if (/^aws-ec2-.*(quarantine|isolate)/i.test(token)) return 'ec2 isolate'
  return undefined
}

const rows = readFileSync(values.flows, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => Row.parse(JSON.parse(l)))
const byName = new Map<string, Row>()
for (const r of rows) {
  byName.set(r.name, r)
  byName.set(r.id, r)
}

const mappingUsed = new Map<string, string>()
function mappedFlow(row: Row, depth: number, seen: Set<string>): string[] {
  const out: string[] = []
  for (const step of row.steps) {
    if (!step.token) continue
    if (step.kind === 'playbook') {
      const child = byName.get(step.token.replace(/^playbook:/, ''))
      if (child && depth < 3 && !seen.has(child.id)) out.push(...mappedFlow(child, depth + 1, new Set([...seen, child.id])))
      continue
    }
    const command = mapStep(step.token, step.brand)
    if (!command) continue
    mappingUsed.set(step.brand ? `${step.token} (${step.brand})` : step.token, command)
    out.push(command)
  }
  // Sub-playbook expansion repeats lookups back to back; one run stands for them.
  return out.filter((c, i) => c !== out[i - 1])
}

const flows = new Map<string, { commands: string[]; count: number; names: string[] }>()
for (const row of rows) {
  const commands = mappedFlow(row, 0, new Set([row.id]))
  if (commands.length === 0) continue
  const key = commands.join('\u0001')
  const f = flows.get(key) ?? { commands, count: 0, names: [] }
  f.count++
  if (f.names.length < 3) f.names.push(row.name)
  flows.set(key, f)
}

const prior: SuggestPrior = parsePrior({
  version: 1,
  attribution: {
    source: 'Cortex XSOAR playbooks, github.com/demisto/content at commit 494b8a510f811d7659c9498a2bf6f46f945a2e1d (2022-06-07), reduced to flows in shared/data/xsoar-playbook-flows.jsonl',
    licence: 'MIT',
    notice:
      'Copyright (c) 2016 Demisto. Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions: The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.'
  },
  commands: [...new Set([...flows.values()].flatMap((f) => f.commands))].sort(),
  mapping: Object.fromEntries([...mappingUsed.entries()].sort()),
  flows: [...flows.values()].sort((a, b) => b.count - a.count || a.commands.join(' ').localeCompare(b.commands.join(' ')))
})

const json = JSON.stringify(prior, null, 1) + '\n'
writeFileSync(values.out, json)
console.log(`prior: ${prior.flows.length} distinct flows from ${[...flows.values()].reduce((s, f) => s + f.count, 0)} playbooks, commands ${prior.commands.join(', ')}; ${json.length} bytes -> ${values.out}`)
