import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { appendAuditLog, AuditEntry } from "../../automation/audit";
import { systemClock } from "../../automation/clock";
import { DrillReport, writeDrillReport } from "../../automation/drill/report";
import { OperationResult } from "../../automation/operations";
import { startWatchServices, watch, WatchServices } from "../../automation/watch";
import { harness, Harness, LocalEstate, startLocalEstate } from "../drill/estate";

/** A watch on the loopback estate with the system clock, serving its page: what the browser test and `npm run screenshot` open. */
export interface StatusScenario {
    readonly estate: LocalEstate;
    readonly h: Harness;
    readonly services: WatchServices;
    readonly url: string;
    readonly drillsDir: string;
    /** Rounds the watch has run so far. */
    rounds(): number;
    /** Stops the watch and everything it started. */
    stop(): Promise<OperationResult>;
}

export async function startStatusScenario(options: { auto: boolean; intervalSeconds: number; threshold: number; flips?: AuditEntry[]; drills?: DrillReport[] }): Promise<StatusScenario> {
    const estate = await startLocalEstate();
    const h = harness(estate);
    const ctx = { ...h.ctx, clock: systemClock };
    const drillsDir = path.join(h.dir, "drills");
    for (const entry of options.flips ?? []) {
        appendAuditLog(h.auditLog, entry);
    }
    (options.drills ?? []).forEach((report, i) => writeDrillReport(path.join(drillsDir, `staging-${i}`), report));
    const services = await startWatchServices(ctx, { serve: { host: "127.0.0.1", port: 0 }, drillsDir });
    let rounds = 0;
    const round = services.hooks.round!;
    const hooks = { ...services.hooks, round: (r: Parameters<typeof round>[0]) => (round(r), (rounds = r.round)) };
    const stopper = new AbortController();
    const running = watch(ctx, { auto: options.auto, intervalSeconds: options.intervalSeconds, threshold: options.threshold, signal: stopper.signal, hooks });
    return {
        estate,
        h,
        services,
        url: services.url!,
        drillsDir,
        rounds: () => rounds,
        stop: async () => {
            stopper.abort("test");
            const result = await running;
            await services.close();
            await estate.close();
            h.cleanup();
            return result;
        },
    };
}

export function tempDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** An audit entry of a flip, with the fields the page shows. */
export function flipEntry(fields: Partial<AuditEntry>): AuditEntry {
    return {
        id: "20250101T000000000Z-1",
        stack: "staging",
        action: "failover",
        key: "multicloud-dr:activeSite",
        from: "gcp",
        to: "linode",
        who: "oncall",
        host: "laptop",
        at: "2025-01-01T00:00:00.000Z",
        reason: "drill",
        forced: false,
        outcome: "succeeded",
        message: "",
        rules: [],
        health: [],
        durationsMs: {},
        ...fields,
    };
}

/** A drill report with the fields the page shows. */
export function drillReport(fields: Partial<DrillReport>): DrillReport {
    return {
        stack: "staging",
        who: "ci",
        host: "runner",
        startedAt: "2025-01-01T00:00:00.000Z",
        finishedAt: "2025-01-01T00:05:00.000Z",
        durationMs: 300_000,
        outcome: "passed",
        message: "drill passed",
        exitCode: 0,
        from: "gcp",
        to: "linode",
        holdSeconds: 60,
        timeToRecoverSeconds: 42.5,
        rtoTargetSeconds: 300,
        withinTarget: true,
        steps: [],
        ...fields,
    };
}
