import { expect, type Locator, type Page } from '@playwright/test'

/** Page object for the analyst's screen: what a test does, in the analyst's words. */
export class WarRoom {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.page.getByTestId('new-incident')).toBeVisible()
  }

  async openIncident(fields: { title: string; description?: string; leader?: string; impact?: string; urgency?: string; conditions?: string[]; groups?: string }): Promise<string> {
    await this.page.getByTestId('new-incident').first().click()
    const form = this.page.getByTestId('incident-form')
    await form.getByTestId('incident-title').fill(fields.title)
    if (fields.description) await form.getByTestId('incident-description').fill(fields.description)
    if (fields.leader !== undefined) await form.getByTestId('incident-leader').fill(fields.leader)
    if (fields.impact) await form.getByTestId(`impact-${fields.impact}`).click()
    if (fields.urgency) await form.getByTestId(`urgency-${fields.urgency}`).click()
    for (const c of fields.conditions ?? []) await form.getByTestId(`condition-${c}`).check()
    if (fields.groups) await form.getByTestId('incident-groups').fill(fields.groups)
    await form.getByTestId('incident-submit').click()
    await expect(form).toBeHidden()
    const header = this.page.getByTestId('room-header')
    await expect(header).toContainText(fields.title)
    return (await header.textContent())?.match(/INC\d{7}/)?.[0] ?? ''
  }

  async say(text: string): Promise<void> {
    const composer = this.page.getByTestId('composer')
    await composer.fill(text)
    await composer.press('Enter')
  }

  messages(): Locator {
    return this.page.getByTestId('message')
  }

  lastCommand(): Locator {
    return this.page.locator('[data-testid="message"][data-kind="command"]').last()
  }

  composer(): Locator {
    return this.page.getByTestId('composer')
  }

  /** The incident list's row for one number (INC0000001). */
  incidentRow(number: string): Locator {
    return this.page.locator(`[data-testid="incident-row"][data-number="${number}"]`)
  }

  /** Sets the open room's status with the header's select, as an analyst closes a case. */
  async setStatus(status: 'new' | 'investigating' | 'contained' | 'resolved' | 'closed'): Promise<void> {
    const select = this.page.getByTestId('status-select')
    await select.selectOption(status)
    await expect(select).toHaveValue(status)
  }

  /** Runs one command line in the open room and waits until its block says ok. */
  /** Runs a command line; the `!` that makes a line a command is added when missing. */
  async run(line: string): Promise<Locator> {
    const before = await this.page.locator('[data-testid="message"][data-kind="command"]').count()
    await this.say(/^[!/]/.test(line) ? line : `!${line}`)
    await expect(this.page.locator('[data-testid="message"][data-kind="command"]')).toHaveCount(before + 1)
    const block = this.lastCommand()
    await expect(block).toHaveAttribute('data-status', 'ok')
    return block
  }

  suggestions(): Locator {
    return this.page.getByTestId('suggestions').getByTestId('suggestion')
  }

  /**
   * Fills fields of one Settings tab by their labels (text, or true/false for a checkbox) and saves it.
   * `section` is the tab's label, e.g. 'ServiceNow'.
   */
  async saveSettings(section: string, values: Record<string, string | boolean>): Promise<void> {
    await this.page.getByTestId('settings-button').click()
    const dialog = this.page.getByTestId('settings-dialog')
    await dialog.getByRole('button', { name: section, exact: true }).click()
    const form = dialog.locator('form.settings-section')
    await expect(form.getByRole('heading', { name: section, exact: true })).toBeVisible()
    for (const [label, value] of Object.entries(values)) {
      const field = form.getByLabel(label, { exact: true })
      if (typeof value === 'boolean') await field.setChecked(value)
      else await field.fill(value)
    }
    await form.getByTestId('settings-save').click()
    await expect(form.getByText('Saved.')).toBeVisible()
    await this.page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  }

  async setSecret(section: string, name: string, value: string): Promise<void> {
    await this.page.getByTestId('settings-button').click()
    await this.page.getByRole('dialog').getByText(section, { exact: true }).click()
    const field = this.page.getByTestId(`secret-${name}`)
    await field.locator('input').fill(value)
    await field.getByRole('button', { name: 'Save' }).click()
    await expect(field).toContainText('set')
    await this.page.keyboard.press('Escape')
  }
}
