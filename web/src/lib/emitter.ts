/** A minimal listener set: `on` returns the function that removes the listener. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  on = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  emit(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}
