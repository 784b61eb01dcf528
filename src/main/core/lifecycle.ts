import { createLogger, type Logger } from './logger'

/**
 * Lifecycles, after VS Code's DisposableStore: whatever subscribes, starts a timer, opens a socket
 * or registers a handler hands its undo to an owner, and the owner undoes everything once, newest
 * first, awaiting each step. A failing step is logged and the rest still run.
 */
export type Disposer = () => void | Promise<void>
export interface Disposable {
  dispose(): void | Promise<void>
}
export type DisposableLike = Disposer | Disposable

export function toDisposable(dispose: Disposer): Disposable {
  return { dispose }
}

function run(item: DisposableLike): void | Promise<void> {
  return typeof item === 'function' ? item() : item.dispose()
}

export class DisposableStore implements Disposable {
  private readonly items: { item: DisposableLike; name: string }[] = []
  private disposing: Promise<void> | undefined
  private readonly log: Logger

  constructor(scope = 'lifecycle') {
    this.log = createLogger(scope)
  }

  get isDisposed(): boolean {
    return this.disposing !== undefined
  }

  /** Owns `item` from now on; returns it. Added after dispose, it is disposed at once (and logged). */
  add<T extends DisposableLike>(item: T, name = 'unnamed'): T {
    if (this.disposing) {
      this.log.warn('added to an owner that is already disposed; disposing it now', { name })
      void this.disposing.then(() => this.settle(item, name))
      return item
    }
    this.items.push({ item, name })
    return item
  }

  /** Undoes everything, newest first; a second call returns the first call's promise. */
  dispose(): Promise<void> {
    this.disposing ??= this.disposeAll()
    return this.disposing
  }

  private async disposeAll(): Promise<void> {
    const errors: unknown[] = []
    while (this.items.length) {
      const { item, name } = this.items.pop() as { item: DisposableLike; name: string }
      const error = await this.settle(item, name)
      if (error !== undefined) errors.push(error)
    }
    if (errors.length) this.log.error(`${errors.length} step(s) failed while shutting down; the rest ran`, { errors })
  }

  private async settle(item: DisposableLike, name: string): Promise<unknown> {
    try {
      await run(item)
      return undefined
    } catch (error) {
      this.log.error('a shutdown step failed', { name, error })
      return error ?? new Error(`${name} failed`)
    }
  }
}
