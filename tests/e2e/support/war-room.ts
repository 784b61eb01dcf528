import { expect, type Locator, type Page } from '@playwright/test'

/** Page object for the analyst's screen: what a test does, in the analyst's words. */
export class WarRoom {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await expect(this.page.getByTestId('new-incident')).toBeVisible()
  }

  async openIncident(fields: { title: string; description?: string; leader?: string; impact?: string; urgency?: string; conditions?: string[] }): Promise<string> {
    await this.page.getByTestId('new-incident').first().click()
    const form = this.page.getByTestId('incident-form')
    await form.getByTestId('incident-title').fill(fields.title)
    if (fields.description) await form.getByTestId('incident-description').fill(fields.description)
    if (fields.leader !== undefined) await form.getByTestId('incident-leader').fill(fields.leader)
    if (fields.impact) await form.getByTestId(`impact-${fields.impact}`).click()
    if (fields.urgency) await form.getByTestId(`urgency-${fields.urgency}`).click()
    for (const c of fields.conditions ?? []) await form.getByTestId(`condition-${c}`).check()
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
