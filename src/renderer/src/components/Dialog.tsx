import { useEffect, useRef, type ReactNode } from 'react'

interface Props {
  title: string
  onClose(): void
  children: ReactNode
  testId?: string
  wide?: boolean
  /** A dialog that must be answered (first run) has no close button and ignores Esc. */
  isRequired?: boolean
}

/** A modal on the native <dialog>: focus stays inside, Esc closes. */
export function Dialog({ title, onClose, children, testId, wide, isRequired }: Props) {
  const ref = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      data-testid={testId}
      aria-label={title}
      onCancel={(e) => {
        e.preventDefault()
        onClose()
      }}
    >
      <header className="dialog-head">
        <h2>{title}</h2>
        {!isRequired && (
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        )}
      </header>
      <div className="dialog-body">{children}</div>
    </dialog>
  )
}
