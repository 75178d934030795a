import * as fs from "fs";
import * as path from "path";
import { AuditEntry, FlipAction, readAuditLog } from "../audit";
import { DrillReport, REPORT_JSON } from "../drill/report";
import type { ProbeResult } from "../probes/types";

/** One probe's result in one round, as the timeline shows it. */
export interface Sample {
    /** ms since the epoch. */
    readonly at: number;
    readonly ok: boolean;
    readonly status: string;
    readonly detail: string;
    readonly ms: number;
}

/** The last `size` rounds of each probe, oldest first. */
export class ProbeTimeline {
    private readonly samples = new Map<string, { target: string; samples: Sample[] }>();

    constructor(readonly size: number) {}

    record(at: number, results: readonly ProbeResult[]): void {
        for (const r of results) {
            const entry = this.samples.get(r.name) ?? { target: r.target, samples: [] };
            entry.target = r.target;
            entry.samples.push({ at, ok: r.ok, status: r.status, detail: r.detail, ms: r.ms });
            entry.samples.splice(0, Math.max(0, entry.samples.length - this.size));
            this.samples.set(r.name, entry);
        }
    }

    /** Every probe seen, endpoints first, in name order. */
    probes(): Array<{ name: string; target: string; samples: readonly Sample[] }> {
        return [...this.samples.entries()]
            .map(([name, entry]) => ({ name, ...entry }))
            .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));
    }
}

function rank(probe: string): number {
    return probe.startsWith("endpoint:") ? 0 : probe.startsWith("dynamodb:") ? 1 : 2;
}

const FLIP_ACTIONS: readonly FlipAction[] = ["failover", "failback", "linode-region"];

/** The last `count` flips of `stack` in the audit log, newest first (the log also holds notification lines: skipped). */
export function recentFlips(auditLog: string, stack: string, count: number): AuditEntry[] {
    let entries: AuditEntry[];
    try {
        entries = readAuditLog(auditLog);
    } catch {
        return []; // a half-written last line: the next refresh reads it whole
    }
    return entries
        .filter((e) => e.stack === stack && FLIP_ACTIONS.includes(e.action))
        .slice(-count)
        .reverse();
}

/** The drill reports of `stack` under `drillsDir` (`<state dir>/drills/<stack>-<time>/drill-report.json`), newest first. */
export function recentDrills(drillsDir: string, stack: string, count: number): DrillReport[] {
    let dirs: string[];
    try {
        dirs = fs.readdirSync(drillsDir);
    } catch {
        return [];
    }
    const reports: DrillReport[] = [];
    for (const dir of dirs) {
        try {
            const report = JSON.parse(fs.readFileSync(path.join(drillsDir, dir, REPORT_JSON), "utf8")) as DrillReport;
            if (report.stack === stack && typeof report.startedAt === "string") {
                reports.push(report);
            }
        } catch {
            // not a drill report directory
        }
    }
    return reports.sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, count);
}
