import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { SECRET_NAMES } from '../shared/settings'
import type { Db } from './core/db/open-db'
import { renderReport, type ReportFormat } from './core/report'
import type { Vault } from './core/vault/vault'
import { chromiumPdfPrinter, defaultChromiumPath } from './pdf/chromium-pdf'
import { terminal } from './core/logger'

const FORMATS: ReportFormat[] = ['html', 'md', 'pdf']

/** `npm run virgil -- report --data-dir DIR --incident INC0000001 --format html|md|pdf --out FILE` */
export async function runReport(db: Db, vault: Vault, values: { incident?: string; format?: string; out?: string }): Promise<number> {
  const format = (values.format ?? 'html') as ReportFormat
  if (!values.incident || !FORMATS.includes(format)) {
    terminal.err('Usage: npm run virgil -- report --data-dir DIR --incident INC0000001 --format html|md|pdf [--out FILE]')
    return 2
  }
  const chromium = defaultChromiumPath()
  const report = await renderReport(
    {
      db,
      key: vault.chainKey(),
      secrets: () => SECRET_NAMES.map((n) => vault.get(n)).filter((v): v is string => Boolean(v)),
      ...(chromium ? { pdf: chromiumPdfPrinter({ executablePath: chromium }) } : {})
    },
    values.incident,
    format,
    'virgil CLI'
  )
  const out = resolve(values.out ?? report.fileName)
  writeFileSync(out, report.base64 !== undefined ? Buffer.from(report.base64, 'base64') : (report.text ?? ''))
  terminal.out(`Wrote ${out}`)
  return 0
}
