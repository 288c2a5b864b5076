/** Wakes a waiting consumer when producers have something for it; a wake with nobody waiting is kept. */
export class Wakeup {
  private waiting: (() => void) | undefined;
  private pending = false;

  wait(): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    if (w === undefined) this.pending = true;
    else w();
  }
}
