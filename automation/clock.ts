/** Time as the failover tool sees it: injectable, so rules and waits are tested with a fake clock. */
export interface Clock {
    /** Milliseconds since the epoch. */
    now(): number;
    /** Resolves after `ms`, or as soon as `signal` aborts. */
    sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    sleep: (ms, signal) =>
        new Promise((resolve) => {
            const done = () => {
                clearTimeout(timer);
                signal?.removeEventListener("abort", done);
                resolve();
            };
            const timer = setTimeout(done, Math.max(0, ms));
            signal?.addEventListener("abort", done, { once: true });
        }),
};

/** A clock that only moves when told to (or when something sleeps on it). */
export class FakeClock implements Clock {
    constructor(private current = Date.parse("2025-01-01T00:00:00Z")) {}

    now(): number {
        return this.current;
    }

    async sleep(ms: number): Promise<void> {
        this.current += Math.max(0, ms);
    }

    advance(ms: number): void {
        this.current += ms;
    }
}

/** Measures each step of an operation, for the audit entry. */
export class StepTimer {
    readonly durationsMs: Record<string, number> = {};
    private readonly started: number;

    constructor(private readonly clock: Clock) {
        this.started = clock.now();
    }

    async time<T>(step: string, work: () => Promise<T>): Promise<T> {
        const start = this.clock.now();
        try {
            return await work();
        } finally {
            this.durationsMs[step] = (this.durationsMs[step] ?? 0) + (this.clock.now() - start);
        }
    }

    total(): number {
        return this.clock.now() - this.started;
    }
}
