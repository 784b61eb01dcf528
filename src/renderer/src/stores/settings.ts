import { create } from 'zustand'
import type { SecretName, Settings, SettingsSection, SettingsView } from '../../../shared/settings'
import type { ErrorInfo } from '../../../shared/errors'
import { call } from '../api'
import { useSession } from './session'

interface SettingsState {
  view: SettingsView | null
  loadError: ErrorInfo | null
  load(): Promise<void>
  saveSection<S extends SettingsSection>(section: S, value: Settings[S]): Promise<ErrorInfo | null>
  setSecret(name: SecretName, value: string | null): Promise<ErrorInfo | null>
}

export const useSettings = create<SettingsState>((set) => ({
  view: null,
  loadError: null,
  async load() {
    const r = await call('settings:get', {})
    if (r.ok) set({ view: r.value, loadError: null })
    else set({ loadError: r.error })
  },
  async saveSection(section, value) {
    const r = await call('settings:update', { patch: { [section]: value } })
    if (!r.ok) return r.error
    set({ view: r.value })
    // The analyst's name shows in the top bar and defaults the leader field.
    if (section === 'analyst') void useSession.getState().load()
    return null
  },
  async setSecret(name, value) {
    const r = await call('secret:set', { name, value })
    if (!r.ok) return r.error
    set({ view: r.value })
    return null
  }
}))
