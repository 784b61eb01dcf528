import { describe, expect, it } from 'vitest'
import { CaseStore } from '../../../src/main/core/suggest/case-store'
import { familyOf } from '../../../src/main/core/suggest/skipgram'
import { createSuggester } from '../../../src/main/core/suggest/suggester'

const adjacent = (store: CaseStore) => (a: string) => store.ngram.followers([a], 1)

describe('skip-gram', () => {
  it('scores what ran one or two steps after the recent commands, the latest weighing most', () => {
    const store = new CaseStore()
    store.upsert({ id: '1', text: '', commands: ['a', 'b', 'c'] })
    store.upsert({ id: '2', text: '', commands: ['a', 'x', 'c'] })
    const s = store.skip.scores(['a'], adjacent(store))
    // After a: b and x once each right after it, c twice two steps after it (weighted 0.7).
    expect(s.get('b')).toBeCloseTo(1 / 3.4)
    expect(s.get('c')).toBeCloseTo(1.4 / 3.4)
    expect(s.get('zzz')).toBe(0)
    expect(store.skip.evidence(['a'], 'c', adjacent(store))).toEqual({ after: 'a', runs: 2 })
  })

  it('forgets a removed case and counts appended commands', () => {
    const store = new CaseStore()
    store.upsert({ id: '1', text: '', commands: ['a', 'b'] })
    store.append('1', 'c')
    expect(store.skip.scores(['a'], adjacent(store)).get('c')).toBeCloseTo(0.7 / 1.7)
    store.remove('1')
    expect(store.skip.scores(['a'], adjacent(store)).empty).toBe(true)
  })
})

describe('integration family', () => {
  it('is the word before the first dash or space', () => {
    expect(familyOf('cs-falcon-get-device')).toBe('cs')
    expect(familyOf('ec2 isolate')).toBe('ec2')
    expect(familyOf('SetAndHandleEmpty')).toBeUndefined()
    expect(familyOf('-x')).toBeUndefined()
  })

  it("scores a command by its share of its family's runs, for families the incident used", () => {
    const store = new CaseStore()
    store.upsert({ id: '1', text: '', commands: ['ec2 show', 'ec2 isolate', 'whois'] })
    store.upsert({ id: '2', text: '', commands: ['ec2 show', 'ec2 isolate', 'ec2 snapshot'] })
    const s = store.family.scores(['vtip', 'ec2 show'], 0.5, (c) => store.ngram.count(c), store.ngram.changes)
    expect(s.get('ec2 isolate')).toBeCloseTo(2 / 5)
    expect(s.get('ec2 snapshot')).toBeCloseTo(1 / 5)
    expect(s.get('whois')).toBe(0)
    expect(store.family.scores(['whois'], 0.5, (c) => store.ngram.count(c), store.ngram.changes).empty).toBe(true)
  })

  it('gives a reason naming the family when it decides the suggestion', () => {
    const s = createSuggester({ tuning: { ngram: 0, next: 0, bag: 0, cache: 0, skip: 0, family: 1 } })
    s.addCase({ id: '1', text: 'mining pool', commands: ['ec2 show', 'ec2 isolate', 'ec2 isolate'] })
    s.addCase({ id: '2', text: 'other', commands: ['ec2 snapshot'] })
    const [top] = s.next({ text: 'new', history: ['ec2 snapshot'], k: 3 })
    expect(top?.command).toBe('ec2 isolate')
    expect(top?.reason).toBe('a usual ec2 command after ec2 snapshot (2 runs in past incidents)')
    expect(top?.kind).toBe('popular')
  })
})
