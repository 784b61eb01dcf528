import { describe, expect, it } from 'vitest'
import type { ServiceStatus } from '../../../src/shared/domain'
import { statusBarItems } from '../../../src/shared/status-bar'

const s = (name: string, state: ServiceStatus['state'], detail = '', pending = 0): ServiceStatus => ({ name, state, detail, pending })

describe('status bar', () => {
  it('lists every service in trouble, worst first, each with its own words, healthy ones as dots', () => {
    const items = statusBarItems([
      s('VirusTotal', 'ok', 'answering normally'),
      s('Slack', 'degraded', 'Slack answered chat.postMessage with HTTP 503', 4),
      s('Email', 'off', 'not configured'),
      s('NATS', 'down', 'cannot reach the team NATS servers (ECONNREFUSED); working locally'),
      s('ServiceNow', 'down', 'Cannot reach ServiceNow at 127.0.0.1:9 (ECONNREFUSED)', 2)
    ])
    expect(items.map((i) => [i.name, i.label])).toEqual([
      ['NATS', 'NATS down'],
      ['ServiceNow', 'ServiceNow down · 2'],
      ['Slack', 'Slack degraded · 4'],
      ['VirusTotal', ''],
      ['Email', '']
    ])
    expect(items.filter((i) => i.isTrouble)).toHaveLength(3)
    expect(items[1]!.title).toBe('ServiceNow: down — Cannot reach ServiceNow at 127.0.0.1:9 (ECONNREFUSED)\n2 waiting to be delivered')
  })

  it('shows nothing labelled when all is well', () => {
    expect(statusBarItems([s('Slack', 'ok'), s('AWS', 'ok')]).every((i) => i.label === '' && !i.isTrouble)).toBe(true)
    expect(statusBarItems([])).toEqual([])
  })
})
