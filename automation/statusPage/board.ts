import type { CertificateReading } from "../probes/certificateDays";
import type { ProbeResult } from "../probes/types";
import { ProbeTimeline, recentDrills, recentFlips } from "./history";
import { renderStatusPage, StatusView } from "./render";

export interface StatusBoardOptions {
    readonly stack: string;
    /** The audit log the flips are read from. */
    readonly auditLog: string;
    /** Where drill reports are kept (`<state dir>/drills`). */
    readonly drillsDir: string;
    /** Rounds kept per probe. Default 30. */
    readonly timelineRounds?: number;
    /** Flips and drills shown. Default 10. */
    readonly historyRows?: number;
    readonly now?: () => number;
}

/** One round as the board records it. */
export interface BoardRound {
    readonly round: number;
    /** ms since the epoch. */
    readonly at: number;
    readonly activeSite: string;
    readonly homeSite: string;
    readonly linodeActiveRegion: string;
    readonly results: readonly ProbeResult[];
    readonly certificates: readonly CertificateReading[];
}

/** What the status page shows: the rounds the watch told it about, plus the audit log and drill reports read at render time. */
export class StatusBoard {
    private readonly timeline: ProbeTimeline;
    private last?: BoardRound;
    private intervalSeconds?: number;
    private leadership = { mayAct: true, text: "no lease: this watch acts alone" };
    private readonly now: () => number;

    constructor(private readonly options: StatusBoardOptions) {
        this.timeline = new ProbeTimeline(options.timelineRounds ?? 30);
        this.now = options.now ?? Date.now;
    }

    started(intervalSeconds: number): void {
        this.intervalSeconds = intervalSeconds;
    }

    record(round: BoardRound): void {
        this.last = round;
        this.timeline.record(round.at, round.results);
    }

    setLeadership(mayAct: boolean, text: string): void {
        this.leadership = { mayAct, text };
    }

    view(): StatusView {
        const rows = this.options.historyRows ?? 10;
        return {
            stack: this.options.stack,
            generatedAt: this.now(),
            // The page follows the rounds: no faster than every second, no slower than every 30 s.
            refreshSeconds: Math.min(30, Math.max(1, Math.round(this.intervalSeconds ?? 10))),
            intervalSeconds: this.intervalSeconds,
            round: this.last?.round,
            lastRoundAt: this.last?.at,
            activeSite: this.last?.activeSite,
            homeSite: this.last?.homeSite,
            linodeActiveRegion: this.last?.linodeActiveRegion,
            leadership: this.leadership,
            probes: this.timeline.probes(),
            certificates: this.last?.certificates ?? [],
            flips: recentFlips(this.options.auditLog, this.options.stack, rows),
            drills: recentDrills(this.options.drillsDir, this.options.stack, rows),
        };
    }

    html(): string {
        return renderStatusPage(this.view());
    }
}
