import type * as vscode from 'vscode';

/**
 * Ownership of long-lived resources: every watcher, process, panel and subscription is registered
 * with exactly one owner, and disposing the owner disposes what it owns, newest first.
 */
export class DisposableStore implements vscode.Disposable {
  private readonly items = new Set<vscode.Disposable>();
  private disposed = false;

  get isDisposed(): boolean {
    return this.disposed;
  }

  add<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) {
      // Adding to a disposed owner would leak the item: dispose it at once instead.
      item.dispose();
    } else {
      this.items.add(item);
    }
    return item;
  }

  delete(item: vscode.Disposable): void {
    if (this.items.delete(item)) item.dispose();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const errors: unknown[] = [];
    for (const item of [...this.items].reverse()) {
      try {
        item.dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.items.clear();
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several resources failed to dispose');
  }
}

export abstract class Disposable implements vscode.Disposable {
  protected readonly store = new DisposableStore();

  protected register<T extends vscode.Disposable>(item: T): T {
    return this.store.add(item);
  }

  protected get isDisposed(): boolean {
    return this.store.isDisposed;
  }

  dispose(): void {
    this.store.dispose();
  }
}

export function toDisposable(dispose: () => void): vscode.Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      dispose();
    },
  };
}
