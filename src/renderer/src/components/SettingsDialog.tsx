import { useEffect, useState } from 'react'
import type { SettingsSection } from '../../../shared/settings'
import { errorText } from '../api/error-words'
import { SETTINGS_SECTIONS } from '../lib/settings-fields'
import { useSettings } from '../stores/settings'
import { useUi } from '../stores/ui'
import { Dialog } from './Dialog'
import { SettingsSectionForm } from './SettingsSectionForm'
import { TeamEditor } from './TeamEditor'

export function SettingsDialog() {
  const close = useUi((s) => s.close)
  const view = useSettings((s) => s.view)
  const loadError = useSettings((s) => s.loadError)
  const load = useSettings((s) => s.load)
  const [section, setSection] = useState<SettingsSection | 'team'>('analyst')

  useEffect(() => {
    void load()
  }, [load])

  const spec = SETTINGS_SECTIONS.find((s) => s.id === section)
  return (
    <Dialog title="Settings" onClose={close} testId="settings-dialog" wide>
      <div className="settings">
        <nav className="settings-nav">
          {SETTINGS_SECTIONS.map((s) => (
            <button key={s.id} type="button" className={s.id === section ? 'active' : ''} onClick={() => setSection(s.id)}>
              {s.title}
            </button>
          ))}
          <button type="button" className={section === 'team' ? 'active' : ''} data-testid="settings-team" onClick={() => setSection('team')}>
            Team
          </button>
        </nav>
        <div className="settings-panel">
          {loadError && <p className="error-text">{errorText(loadError)}</p>}
          {!view && !loadError && <p className="muted">Loading…</p>}
          {section === 'team' && <TeamEditor />}
          {view && spec && <SettingsSectionForm key={spec.id} spec={spec} view={view} />}
        </div>
      </div>
    </Dialog>
  )
}
