import { open } from 'node:fs/promises'
import type { ArchiveListing } from '../../../shared/evidence'

const EOCD_SIG = 0x06054b50
const CDH_SIG = 0x02014b50
const MAX_LISTED = 200
const MAX_DIRECTORY_BYTES = 1024 * 1024
const BOMB_RATIO = 100
const BOMB_TOTAL = 1024 * 1024 * 1024

/**
 * Lists a ZIP's entries from its central directory, without unpacking anything: at most 200 entries
 * and 1 MB of directory are read, however many the archive claims. Flags what looks like a zip bomb.
 */
export async function listZip(path: string, fileSize: number): Promise<{ listing?: ArchiveListing; warnings: string[] }> {
  const handle = await open(path, 'r')
  try {
    const tailLength = Math.min(fileSize, 65_557)
    const tail = Buffer.alloc(tailLength)
    await handle.read(tail, 0, tailLength, fileSize - tailLength)
    let at = -1
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        at = i
        break
      }
    }
    if (at < 0) return { warnings: ['This ZIP has no readable directory (damaged or truncated); its entries cannot be listed.'] }
    const total = tail.readUInt16LE(at + 10)
    const dirSize = tail.readUInt32LE(at + 12)
    const dirOffset = tail.readUInt32LE(at + 16)
    const readable = Math.min(dirSize, MAX_DIRECTORY_BYTES, Math.max(0, fileSize - dirOffset))
    const dir = Buffer.alloc(readable)
    await handle.read(dir, 0, readable, dirOffset)
    const entries: ArchiveListing['entries'] = []
    let claimed = 0
    let isZip64 = total === 0xffff || dirOffset === 0xffffffff
    for (let p = 0; p + 46 <= dir.length && entries.length < MAX_LISTED; ) {
      if (dir.readUInt32LE(p) !== CDH_SIG) break
      const compressed = dir.readUInt32LE(p + 20)
      const size = dir.readUInt32LE(p + 24)
      const nameLength = dir.readUInt16LE(p + 28)
      const extra = dir.readUInt16LE(p + 30)
      const comment = dir.readUInt16LE(p + 32)
      if (size === 0xffffffff || compressed === 0xffffffff) isZip64 = true
      // eslint-disable-next-line no-control-regex
      const name = dir.toString('utf8', p + 46, Math.min(dir.length, p + 46 + nameLength)).replace(/[\u0000-\u001f]/g, '?')
      entries.push({ name, size, compressed })
      claimed += size
      p += 46 + nameLength + extra + comment
    }
    const warnings: string[] = []
    const listedShare = entries.length > 0 ? total / entries.length : 1
    const estimated = claimed * Math.max(1, listedShare)
    if (isZip64 || estimated > BOMB_TOTAL || (fileSize > 0 && estimated / fileSize > BOMB_RATIO)) {
      warnings.push(`Possible zip bomb: ${fileSize.toLocaleString('en')} bytes claim to unpack to ${isZip64 ? 'more than 4 GB' : `about ${Math.round(estimated / 1024 / 1024).toLocaleString('en')} MB`}. It was not unpacked; do not unpack it on a workstation.`)
    }
    if (total > entries.length) warnings.push(`Only the first ${entries.length} of ${total.toLocaleString('en')} entries are listed.`)
    if (entries.some((e) => /\.(zip|rar|7z|iso|img)$/i.test(e.name))) warnings.push('The archive holds further archives; they were not opened.')
    if (entries.some((e) => /(^|\/)\.\.(\/|$)|^\//.test(e.name))) warnings.push('Some entry names climb out of their folder (../): unpacking this archive would write outside its folder.')
    return { listing: { entries, total }, warnings }
  } finally {
    await handle.close()
  }
}
