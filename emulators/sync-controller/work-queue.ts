/**
 * client-go's work queue in miniature: a key is queued at most once, never processed by two workers at a time (a
 * key added while it runs runs again afterwards), `addAfter` delays (retry backoff), and `idle()` tells when
 * nothing is queued or running.
 */
export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly handle: (key: string) => Promise<void>, private readonly concurrency = 4) {}

  add(key: string): void {
    if (this.stopped) return;
    const t = this.timers.get(key);
    if (t) {
      clearTimeout(t);
      this.timers.delete(key);
    }
    if (this.running.has(key)) this.again.add(key);
    else this.queued.add(key);
    this.pump();
  }

  /** Adds the key after `ms`, unless it is added sooner (the earlier wins). */
  addAfter(key: string, ms: number): void {
    if (this.stopped || this.timers.has(key)) return;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms));
  }

  idle(): Promise<void> {
    if (this.queued.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  /** Stops taking work; resolves once running keys are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.queued.clear();
    this.again.clear();
    await this.idle();
  }

  private pump(): void {
    for (const key of this.queued) {
      if (this.running.size >= this.concurrency) return;
      this.queued.delete(key);
      this.running.add(key);
      void this.handle(key).catch(() => undefined).finally(() => {
        this.running.delete(key);
        if (this.again.delete(key) && !this.stopped) this.queued.add(key);
        this.pump();
        if (this.queued.size === 0 && this.running.size === 0) {
          for (const w of this.idleWaiters.splice(0)) w();
        }
      });
    }
  }
}
