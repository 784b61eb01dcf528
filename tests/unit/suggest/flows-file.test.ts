import { describe, expect, it } from 'vitest'
import { evaluate, splitFlows, unseenShare } from '../../../src/main/core/suggest/evaluate'
import { engineTrainer } from '../../../src/main/core/suggest/engine-trainer'
import { readFlowsFile } from '../../../src/main/core/suggest/playbook-flows'

const row = (o: Record<string, unknown>): string => JSON.stringify(o)

describe('readFlowsFile', () => {
  it('takes rows with only id, name and commands, and names each broken line instead of aborting', () => {
    const text = [
      row({ id: 'a', name: 'Phishing triage', commands: ['ioc extract', 'vt url'] }),
      '{ not json',
      row({ id: 'b', name: 'no commands' }),
      '',
      row({ id: 7, name: 'EC2 mining', description: 'GuardDuty finding', tags: ['aws'], category: 'cloud', pack: 'AWS', commands: ['ec2 show'] })
    ].join('\n')
    const file = readFlowsFile(text)
    expect(file.flows.map((f) => f.row.id)).toEqual(['a', '7'])
    expect(file.skipped.map((s) => s.line)).toEqual([2, 3])
    expect(file.skipped[0]?.problem).toMatch(/not JSON/)
    expect(file.skipped[1]?.problem).toMatch(/^commands:/)
    expect(file.withPack).toBe(1)
    const [a, b] = file.flows.map((f) => f.flow)
    expect(a?.group).not.toBe(b?.group)
    expect(b?.group).toBe('pack:AWS')
    expect(b?.tags).toEqual(['aws', 'cloud'])
  })

  it('evaluates a pack-less file on both splits, the grouped one grouping each flow alone', () => {
    const lines = Array.from({ length: 30 }, (_, i) => row({ id: `f${i}`, name: `case ${i % 3}`, commands: i % 2 ? ['a', 'b', 'c'] : ['a', 'b', 'd'] }))
    const flows = readFlowsFile(lines.join('\n')).flows.map((p) => p.flow)
    for (const mode of ['pack', 'random'] as const) {
      const { train, test } = splitFlows(flows, mode, 1)
      expect(test.length).toBe(6)
      expect(unseenShare(train, test)).toBe(0)
      const m = evaluate(engineTrainer()(train), test)
      expect(m.n).toBe(12)
      expect(m.top1).toBeGreaterThanOrEqual(0.5)
    }
  })
})
