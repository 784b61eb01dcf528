import type { Level } from '../../../shared/domain'

const LEVELS: Level[] = ['high', 'medium', 'low']

interface Props {
  label: string
  name: string
  value: Level
  onChange(level: Level): void
}

export function LevelPicker({ label, name, value, onChange }: Props) {
  return (
    <fieldset className="level-picker">
      <legend>{label}</legend>
      <div className="segmented">
        {LEVELS.map((level) => (
          <label key={level} className={value === level ? 'active' : ''} data-testid={`${name}-${level}`}>
            <input type="radio" name={name} value={level} checked={value === level} onChange={() => onChange(level)} />
            {level}
          </label>
        ))}
      </div>
    </fieldset>
  )
}
