// One racer for lock.test.ts: for each trial directory, waits for the trial's start time, tries the lock, holds it
// until the trial ends, and prints one JSON line per trial: {"trial": n, "held": bool, "from": ms, "to": ms} (when it held
// the lock, in wall-clock ms with sub-ms precision, comparable between processes).
import { performance } from "perf_hooks";
import { acquireLock, LockHeldError } from "../../automation/lock";

interface Plan {
    readonly startAt: number;
    readonly trialMs: number;
    readonly dirs: string[];
}

function waitUntil(at: number): void {
    const coarse = at - Date.now() - 2;
    if (coarse > 0) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, coarse);
    }
    while (Date.now() < at) {
        // spin the last milliseconds so that every racer starts in the same one
    }
}

process.stdout.write("ready\n");
process.stdin.once("data", (chunk) => {
    const plan: Plan = JSON.parse(String(chunk));
    plan.dirs.forEach((dir, trial) => {
        const start = plan.startAt + trial * plan.trialMs;
        waitUntil(start);
        const now = () => performance.timeOrigin + performance.now();
        let hold: { from: number; to: number } | undefined;
        try {
            const lock = acquireLock(dir, "staging", `racer ${process.pid}`);
            const from = now();
            waitUntil(start + plan.trialMs * 0.8);
            const to = now();
            lock.release();
            hold = { from, to };
        } catch (err) {
            if (!(err instanceof LockHeldError)) {
                process.stdout.write(`${JSON.stringify({ trial, error: String(err) })}\n`);
                return;
            }
        }
        process.stdout.write(`${JSON.stringify({ trial, held: hold !== undefined, ...hold })}\n`);
    });
    process.exit(0);
});
