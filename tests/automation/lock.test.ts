import * as assert from "assert";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { acquireLock, LockHeldError } from "../../automation/lock";
import { REGISTER_HOOK } from "../support/registerHook";

const RACERS = 8;
const TRIALS = 20;
const TRIAL_MS = 50;

/** The pid of a process that has exited. */
function deadPid(): number {
    const pid = spawnSync(process.execPath, ["-e", ""]).pid;
    assert.ok(pid, "no pid");
    return pid;
}

interface Hold {
    readonly from: number;
    readonly to: number;
}

/** Starts RACERS processes, lets them race for the lock in each directory at the same millisecond, and returns each trial's holds. */
async function race(dirs: string[]): Promise<Hold[][]> {
    const racers = Array.from({ length: RACERS }, () =>
        spawn(process.execPath, ["-r", REGISTER_HOOK, path.join(__dirname, "lockRacer.ts")], { stdio: ["pipe", "pipe", "inherit"] }),
    );
    const outputs = racers.map((child) => {
        let text = "";
        child.stdout.on("data", (d) => (text += d));
        const ready = new Promise<void>((resolve) => child.stdout.on("data", () => text.includes("ready\n") && resolve()));
        const done = new Promise<string>((resolve) => child.on("close", () => resolve(text)));
        return { ready, done };
    });
    await Promise.all(outputs.map((o) => o.ready));
    const plan = JSON.stringify({ startAt: Date.now() + 300, trialMs: TRIAL_MS, dirs });
    racers.forEach((child) => child.stdin.end(plan));
    const holds: Hold[][] = dirs.map(() => []);
    for (const text of await Promise.all(outputs.map((o) => o.done))) {
        const lines = text.split("\n").filter((l) => l.startsWith("{"));
        assert.strictEqual(lines.length, dirs.length, text);
        for (const line of lines) {
            const result = JSON.parse(line);
            assert.strictEqual(result.error, undefined, result.error);
            if (result.held) {
                holds[result.trial].push({ from: result.from, to: result.to });
            }
        }
    }
    return holds;
}

/** Holders at the same time: a racer descheduled past the holder's release may take the lock after it, which is fine. */
function maxConcurrent(holds: Hold[]): number {
    return Math.max(0, ...holds.map((h) => holds.filter((o) => o.from < h.to && h.from < o.to).length));
}

describe("local lock", () => {
    let root: string;
    beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), "dr-lock-"))));
    afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

    it(`${RACERS} processes starting in the same millisecond, ${TRIALS} times, with no lock and with a stale lock: one holder at a time, and someone holds it`, async function () {
        this.timeout(30_000);
        const dead = deadPid();
        const dirs = Array.from({ length: TRIALS * 2 }, (_, i) => {
            const dir = path.join(root, `trial-${i}`);
            fs.mkdirSync(dir);
            if (i >= TRIALS) {
                fs.writeFileSync(path.join(dir, "staging.lock"), JSON.stringify({ pid: dead, host: os.hostname(), command: "crashed", startedAt: "2025-01-01T00:00:00Z" }));
            }
            return dir;
        });
        const holders = (await race(dirs)).map((holds) => (holds.length === 0 ? 0 : maxConcurrent(holds)));
        const figures = (list: number[]) => `${list.filter((n) => n > 1).length} of ${list.length} trials with two or more holders at once, ${list.filter((n) => n === 0).length} with none`;
        const noLock = holders.slice(0, TRIALS);
        const staleLock = holders.slice(TRIALS);
        assert.ok(
            holders.every((n) => n === 1),
            `no lock present: ${figures(noLock)} (${noLock.join(",")}); stale lock present: ${figures(staleLock)} (${staleLock.join(",")})`,
        );
    });

    it("a live holder keeps the lock; a stale one (dead pid) or an empty file left by a crash is taken over; release frees it", () => {
        const first = acquireLock(root, "staging", "failover");
        assert.throws(() => acquireLock(root, "staging", "failback"), (err: Error) => err instanceof LockHeldError && err.holder.pid === process.pid && err.holder.command === "failover");
        first.release();
        assert.ok(!fs.existsSync(first.file));
        fs.writeFileSync(first.file, JSON.stringify({ pid: deadPid(), host: os.hostname(), command: "crashed", startedAt: "2025-01-01T00:00:00Z" }));
        acquireLock(root, "staging", "failover").release();
        fs.writeFileSync(first.file, "");
        const taken = acquireLock(root, "staging", "failover");
        assert.strictEqual(JSON.parse(fs.readFileSync(taken.file, "utf8")).command, "failover");
        taken.release();
        assert.deepStrictEqual(fs.readdirSync(root), [], "no temporary files are left behind");
    });

    it("a takeover claim left by a dead process does not block the takeover; a live one does", () => {
        const file = path.join(root, "staging.lock");
        const stale = JSON.stringify({ pid: deadPid(), host: os.hostname(), command: "crashed", startedAt: "2025-01-01T00:00:00Z" });
        fs.writeFileSync(file, stale);
        const claim = `${file}.takeover-${fs.statSync(file).ino}`;
        fs.writeFileSync(claim, JSON.stringify({ pid: process.pid, host: os.hostname(), command: "failover", startedAt: "2025-01-01T00:00:00Z" }));
        assert.throws(() => acquireLock(root, "staging", "failback"), LockHeldError, "a live process is taking the stale lock over");
        assert.strictEqual(fs.readFileSync(file, "utf8"), stale);
        fs.writeFileSync(claim, stale);
        const taken = acquireLock(root, "staging", "failback");
        assert.strictEqual(JSON.parse(fs.readFileSync(file, "utf8")).command, "failback");
        taken.release();
        assert.deepStrictEqual(fs.readdirSync(root), [path.basename(claim)], "only the dead claim is left");
    });
});
