import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles/base.css'
import './styles/layout.css'
import './styles/topbar.css'
import './styles/room.css'
import './styles/timeline.css'
import './styles/command-output.css'
import './styles/composer.css'
import './styles/suggestions.css'
import './styles/forms.css'
import './styles/kpi.css'
import './styles/evidence.css'
import './styles/archive.css'

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
}
