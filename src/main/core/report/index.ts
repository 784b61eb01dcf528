import { VirgilError } from '../../../shared/errors'
import type { Db } from '../db/open-db'
import { redactSecrets } from './redact'
import { renderHtml } from './render-html'
import { renderMarkdown } from './render-md'
import { gatherReport } from './report-data'

export { verificationStamp } from './verification-stamp'

export type ReportFormat = 'html' | 'md' | 'pdf'
/** Prints a finished HTML document to PDF: Electron's printToPDF on the desktop, Chromium elsewhere. */
export type PdfPrinter = (html: string) => Promise<Buffer>

export interface RenderedReport {
  fileName: string
  mime: string
  /** Text formats travel as text, the PDF as base64. */
  text?: string
  base64?: string
}

export interface ReportDeps {
  db: Db
  key: Buffer
  /** The vault's secret values, scrubbed from every report. */
  secrets: () => string[]
  pdf?: PdfPrinter
  now?: () => number
}

/** The evidence report of one incident in one format, secrets removed. */
export async function renderReport(deps: ReportDeps, incidentId: string, format: ReportFormat, generatedBy: string): Promise<RenderedReport> {
  const data = gatherReport(deps.db, deps.key, incidentId, generatedBy, (deps.now ?? Date.now)())
  const base = `${data.incident.number}-report`
  const secrets = deps.secrets()
  if (format === 'md') return { fileName: `${base}.md`, mime: 'text/markdown', text: redactSecrets(renderMarkdown(data), secrets) }
  const html = redactSecrets(renderHtml(data), secrets)
  if (format === 'html') return { fileName: `${base}.html`, mime: 'text/html', text: html }
  if (!deps.pdf) throw new VirgilError('NOT_CONFIGURED', 'PDF reports need a Chromium browser here (set CHROMIUM_PATH); the HTML report prints to PDF from any browser.')
  const pdf = await deps.pdf(html)
  return { fileName: `${base}.pdf`, mime: 'application/pdf', base64: pdf.toString('base64') }
}
