import { LeaseRecord, LeaseStore } from "./dynamoLease";
import { LeaseTimings } from "./leaseTimings";

export interface LeaseKeeperOptions {
    /** This watch's identity in the lease item: `who@host pid` plus a random suffix. */
    readonly owner: string;
    readonly timings: LeaseTimings;
    readonly log: (line: string) => void;
    /** Told when this watch starts or stops holding the lease. */
    readonly onChange?: (mayAct: boolean, text: string) => void;
    /** Wall-clock ms: leases are compared across machines (keep their clocks in sync: NTP). */
    readonly now?: () => number;
}

/**
 * Keeps claiming the lease on its own timer (every `renewEveryMs`, independent of the watch's rounds, so a long
 * flip does not let the lease lapse): the holder renews it, the other watch tries to take it. `mayAct()` is true
 * only while this watch holds an unexpired lease by its own clock.
 */
export class LeaseKeeper {
    private held?: LeaseRecord;
    private holder?: LeaseRecord;
    private acquiredAt?: number;
    private timer?: NodeJS.Timeout;
    private stopped = false;
    private unreachable?: string;
    private lastText = "";
    /** What the last refresh reported (the lease may have run out since, between refreshes). */
    private reportedActing = false;
    private readonly now: () => number;

    constructor(
        private readonly store: LeaseStore,
        private readonly options: LeaseKeeperOptions,
    ) {
        this.now = options.now ?? Date.now;
    }

    /** The first claim (awaited, so round 1 already knows), then the timer. */
    async start(): Promise<void> {
        await this.refresh();
        this.schedule();
    }

    mayAct(): boolean {
        return this.held !== undefined && this.now() < this.held.expiresAt;
    }

    /** One line: who holds the lease. */
    describe(): string {
        if (this.mayAct()) {
            return `holds the lease (${this.store.description}) until ${iso(this.held!.expiresAt)}`;
        }
        if (this.unreachable) {
            return `standing by: the lease (${this.store.description}) cannot be reached (${this.unreachable})`;
        }
        return this.holder && this.holder.expiresAt > this.now()
            ? `standing by: ${this.holder.owner} holds the lease until ${iso(this.holder.expiresAt)}`
            : `standing by: trying to take the lease (${this.store.description})`;
    }

    /** Stops renewing and gives the lease up, so the other watch takes over at its next try. */
    async stop(): Promise<void> {
        this.stopped = true;
        clearTimeout(this.timer);
        if (this.held) {
            this.held = undefined;
            try {
                await this.store.release(this.options.owner);
                this.options.log(`lease: released (${this.store.description})`);
            } catch (err) {
                this.options.log(`lease: could not release it (${(err as Error).message}); it runs out by itself`);
            }
        }
    }

    private schedule(): void {
        if (this.stopped) {
            return;
        }
        this.timer = setTimeout(() => {
            void this.refresh().then(() => this.schedule());
        }, this.options.timings.renewEveryMs);
        this.timer.unref();
    }

    /** One claim: renews or takes the lease, or learns who holds it. The timer calls it every `renewEveryMs`. */
    async refresh(): Promise<void> {
        const wasActing = this.reportedActing;
        const now = this.now();
        try {
            const result = await this.store.claim(this.options.owner, now, this.options.timings.durationMs, this.acquiredAt ?? now);
            if (this.stopped) {
                return;
            }
            this.unreachable = undefined;
            if (result.held) {
                this.held = result.record;
                this.holder = result.record;
                this.acquiredAt ??= now;
            } else {
                this.held = undefined;
                this.holder = result.holder;
                this.acquiredAt = undefined;
            }
        } catch (err) {
            // Keep what we had: a holder acts until its own lease runs out, then stands by.
            this.unreachable = (err as Error).message || (err as Error).name;
        }
        const acting = this.mayAct();
        const text = this.describe();
        if (acting !== wasActing || (!acting && text.replace(/until \S+/, "") !== this.lastText.replace(/until \S+/, ""))) {
            this.options.log(`lease: ${acting ? "acquired: this watch acts" : wasActing ? "lost: this watch stands by" : "this watch stands by"}; ${text}`);
            this.options.onChange?.(acting, text);
        }
        this.lastText = text;
        this.reportedActing = acting;
    }
}

function iso(ms: number): string {
    return new Date(ms).toISOString();
}
