import { ActiveSiteView, activeSiteView } from "./activeSiteView";
import { freshness, Freshness, ParameterState } from "./freshness";
import { ReadOutcome } from "./parameterSource";
import { Site } from "./sites";

export interface WatcherDeps {
    readonly site: Site;
    readonly intervalMs: number;
    readonly maxStalenessMs: number;
    read(): Promise<ReadOutcome>;
    /** Publishes the view for the app (the active-site file). */
    publish(view: ActiveSiteView): Promise<void>;
    log(event: string, fields: Record<string, unknown>): void;
    now(): number;
}

/** Re-reads the parameter every interval and keeps the last good value, which stays usable for a bounded time. */
export class ParameterWatcher {
    private state: ParameterState = {};
    private timer: NodeJS.Timeout | undefined;
    private running = false;

    constructor(private readonly deps: WatcherDeps) {}

    current(): Freshness {
        return freshness(this.state, this.deps.now(), this.deps.maxStalenessMs);
    }

    view(): ActiveSiteView {
        return activeSiteView(this.deps.site, this.current());
    }

    async refresh(): Promise<void> {
        const outcome = await this.deps.read();
        const before = this.state;
        if (outcome.ok) {
            const previous = before.last;
            if (!previous || before.failure !== undefined || previous.version !== outcome.read.version || JSON.stringify(previous.value) !== JSON.stringify(outcome.read.value)) {
                this.deps.log("parameter", { ...outcome.read.value, version: outcome.read.version, readFrom: outcome.read.region });
            }
            this.state = { last: outcome.read };
        } else {
            if (before.failure === undefined) {
                this.deps.log("parameter-unreadable", { reason: outcome.reason });
            }
            this.state = { last: before.last, failure: outcome.reason };
        }
        try {
            await this.deps.publish(this.view());
        } catch (err) {
            this.deps.log("active-site-file-error", { reason: (err as Error).message });
        }
    }

    /** Refreshes now, then at a fixed rate; a slow read delays the next one rather than overlapping it. */
    start(): void {
        this.running = true;
        const tick = async () => {
            const started = this.deps.now();
            await this.refresh();
            if (this.running) {
                this.timer = setTimeout(tick, Math.max(0, this.deps.intervalMs - (this.deps.now() - started)));
            }
        };
        void tick();
    }

    stop(): void {
        this.running = false;
        clearTimeout(this.timer);
    }
}
