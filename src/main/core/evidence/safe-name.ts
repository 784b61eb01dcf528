/**
 * A file name from an upload, made safe to show and to offer as a download name. It never becomes a
 * path (blobs are stored by hash), but folder parts, control characters and a reserved name are
 * still cut, and the analyst is told what was cut.
 */
export function safeFileName(raw: string): { name: string; warning?: string } {
  // eslint-disable-next-line no-control-regex
  const cleaned = raw.normalize('NFC').replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '')
  const parts = cleaned.split(/[\\/]+/).filter((p) => p !== '' && p !== '.' && p !== '..')
  let name = (parts[parts.length - 1] ?? '').replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 200)
  if (!name || /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(name)) name = `upload-${name || 'unnamed'}`
  if (name === cleaned) return { name }
  const hadFolders = /[\\/]/.test(raw) || /(^|[\\/])\.\.([\\/]|$)/.test(raw)
  const why = hadFolders ? 'folder parts (a path-traversal attempt or a full path)' : 'characters that cannot be shown safely'
  return { name, warning: `The file name "${printable(raw)}" had ${why}; it is kept as "${name}". Nothing was written outside the evidence store.` }
}

function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  const shown = s.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '?')
  return shown.length > 120 ? `${shown.slice(0, 117)}…` : shown
}
