import { expect, type Download, type Locator, type Page } from '@playwright/test'

/** Page object for the Archive view and the read-only review of an archived incident. */
export class ArchiveReview {
  constructor(readonly page: Page) {}

  async openArchive(): Promise<void> {
    await this.page.getByTestId('archive-button').click()
    await expect(this.page.getByTestId('archive')).toBeVisible()
  }

  row(number: string): Locator {
    return this.page.locator(`[data-testid="archive-row"][data-number="${number}"]`)
  }

  /** Opens an archived incident from the list and waits until its stamp has been checked. */
  async review(number: string): Promise<void> {
    await this.row(number).click()
    await expect(this.header()).toHaveAttribute('data-number', number)
    await expect(this.stamp()).not.toHaveAttribute('data-ok', 'pending')
  }

  /** A window opened on a portable archive (serve --open FILE) starts on its review. */
  async openFile(url: string, number: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.header()).toHaveAttribute('data-number', number)
    await expect(this.stamp()).not.toHaveAttribute('data-ok', 'pending')
  }

  header(): Locator {
    return this.page.getByTestId('review-header')
  }

  stamp(): Locator {
    return this.page.getByTestId('verification-stamp')
  }

  lines(): Locator {
    return this.page.getByTestId('review').getByTestId('message')
  }

  points(): Locator {
    return this.page.getByTestId('review-point')
  }

  /** No way to write: no composer, no line actions, no reopen, no export. */
  async expectReadOnly(): Promise<void> {
    const review = this.page.getByTestId('review')
    await expect(review.getByTestId('review-read-only')).toBeVisible()
    await expect(this.page.getByTestId('composer')).toHaveCount(0)
    await expect(review.getByTestId('mark-note')).toHaveCount(0)
  }

  async exportPortable(): Promise<Download> {
    const downloading = this.page.waitForEvent('download')
    await this.page.getByTestId('export-portable').click()
    return downloading
  }

  /** Ctrl+K, a query, and the results list as the analyst sees it. */
  async search(query: string): Promise<Locator> {
    await this.page.keyboard.press('Control+k')
    await this.page.getByTestId('search-input').fill(query)
    const results = this.page.getByTestId('search-results')
    await expect(results).toBeVisible()
    return results
  }

  async dismissToasts(): Promise<void> {
    const toasts = this.page.locator('.toast')
    for (let left = await toasts.count(); left > 0; left--) {
      await toasts.first().locator('.icon-button').click()
      await expect(toasts).toHaveCount(left - 1)
    }
  }
}
