import { describe, expect, it } from 'vitest'
import { archiveArg } from '../../../src/main/electron/archive-arg'

describe('archiveArg (virgil --open FILE)', () => {
  it('takes the file after --open, or after --open=', () => {
    expect(archiveArg(['/opt/Virgil/virgil', '--open', '/tmp/INC0000001.virgil'])).toBe('/tmp/INC0000001.virgil')
    expect(archiveArg(['electron', '.', '--open=case.virgil'])).toBe('case.virgil')
  })
  it('is undefined without a file: no flag, a flag at the end, or another flag after it', () => {
    expect(archiveArg(['virgil'])).toBeUndefined()
    expect(archiveArg(['virgil', '--open'])).toBeUndefined()
    expect(archiveArg(['virgil', '--open', '--no-sandbox'])).toBeUndefined()
    expect(archiveArg(['virgil', '--open='])).toBeUndefined()
  })
})
