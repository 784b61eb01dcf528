import { describe, expect, it } from 'vitest'
import { incidentChannelName, isValidChannelName, nextCollisionName } from '../../../src/main/core/integrations/slack/channel-name'

describe('incidentChannelName', () => {
  it('pads the number and slugs the title', () => {
    expect(incidentChannelName(42, 'Phishing: CEO mail')).toBe('inc-0000042-phishing-ceo-mail')
    expect(incidentChannelName(1234567, 'x')).toBe('inc-1234567-x')
  })

  it('drops accents and punctuation, collapses runs, and trims hyphens', () => {
    expect(incidentChannelName(3, '  Café --- Ransomware!!  (Finance) ')).toBe('inc-0000003-cafe-ransomware-finance')
    expect(incidentChannelName(3, 'svc_backup__account')).toBe('inc-0000003-svc_backup_account')
    expect(incidentChannelName(3, '!!!')).toBe('inc-0000003')
    expect(incidentChannelName(3, '中文标题')).toBe('inc-0000003')
  })

  it('stays within 80 characters without a trailing hyphen', () => {
    const name = incidentChannelName(9, 'a'.repeat(60) + ' ' + 'b'.repeat(40))
    expect(name.length).toBeLessThanOrEqual(80)
    expect(name.endsWith('-')).toBe(false)
    expect(isValidChannelName(name)).toBe(true)
    expect(incidentChannelName(9, 'word '.repeat(40))).toMatch(/^inc-0000009(-word)+$/)
  })

  it('refuses a negative or fractional number', () => {
    expect(() => incidentChannelName(-1, 't')).toThrow(/whole number/)
    expect(() => incidentChannelName(1.5, 't')).toThrow(/whole number/)
  })
})

describe('nextCollisionName', () => {
  it('appends -2, -3 and shortens the base so the suffix fits', () => {
    expect(nextCollisionName('inc-0000042-phishing', 1)).toBe('inc-0000042-phishing-2')
    expect(nextCollisionName('inc-0000042-phishing', 2)).toBe('inc-0000042-phishing-3')
    const long = incidentChannelName(1, 'x'.repeat(100))
    const next = nextCollisionName(long, 9)
    expect(next.length).toBe(80)
    expect(next.endsWith('-10')).toBe(true)
    expect(isValidChannelName(next)).toBe(true)
  })
})
