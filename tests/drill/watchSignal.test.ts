import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT } from "../../topology";
import { createStubPulumi, StubPulumi } from "../automation/stubPulumi";

interface Stopped {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
    /** ms from the signal to the exit. */
    readonly afterSignalMs: number;
}

/** `bin/multicloud-dr watch` as a child process on the stub pulumi; `when` decides the moment to send `signal`. */
function watchThenSignal(stub: StubPulumi, args: string[], env: Record<string, string>, signal: NodeJS.Signals, when: (stderr: string) => boolean): Promise<Stopped> {
    const child: ChildProcess = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "multicloud-dr"), "watch", "--stack", "staging", ...args], {
        cwd: PROJECT_ROOT,
        env: { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), MULTICLOUD_DR_PULUMI_ROOT: stub.root, ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    let sentAt = 0;
    const poll = setInterval(() => {
        if (when(stderr)) {
            clearInterval(poll);
            sentAt = Date.now();
            child.kill(signal);
        }
    }, 20);
    return new Promise((resolve) =>
        child.on("exit", (code, killedBy) => {
            clearInterval(poll);
            resolve({ code, signal: killedBy, stdout, stderr, afterSignalMs: Date.now() - sentAt });
        }),
    );
}

describe("watch stops cleanly on SIGTERM and SIGINT (child process, stub pulumi)", () => {
    let stub: StubPulumi;
    let stateDir: string;
    const outputCalls = () => stub.calls().filter((c) => c[0] === "stack" && c[1] === "output").length;

    before(() => {
        // No health endpoints: every round finds the active site failing; a high threshold keeps it from alerting.
        stub = createStubPulumi({ staging: { outputs: { appHostname: "app.staging.example.com", tableName: "dr-app-staging" } } });
        stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-watch-signal-"));
    });
    after(() => {
        stub.remove();
        fs.rmSync(stateDir, { recursive: true, force: true });
    });
    beforeEach(() => stub.clearCalls());

    it("SIGTERM while a pulumi command of round 2 runs: the command finishes, round 2 is reported, the JSON summary is printed, exit 0", async () => {
        // Each round reads outputs twice; the third read is round 2's, and the stub takes 0.8 s over it.
        const result = await watchThenSignal(stub, ["--interval", "1", "--threshold", "100", "--json"], { MULTICLOUD_DR_STATE_DIR: stateDir, STUB_PULUMI_SLOW: "stack output=800" }, "SIGTERM", () => outputCalls() >= 3);
        assert.deepStrictEqual([result.code, result.signal], [0, null], result.stderr);
        const summary = JSON.parse(result.stdout);
        assert.strictEqual(summary.exitCode, 0);
        assert.strictEqual(summary.rounds, 2);
        assert.strictEqual(summary.stoppedBy, "SIGTERM");
        assert.deepStrictEqual(summary.events.map((e: { round: number; kind: string }) => [e.round, e.kind]), [[1, "degraded"], [2, "degraded"]]);
        assert.match(summary.message, /^watch staging: 2 rounds; stopped by SIGTERM; no action needed$/);
        assert.strictEqual(outputCalls(), 4, "round 2's reads completed; no round 3");
    });

    it("SIGINT while sleeping between rounds: stops at once with the summary line, exit 0", async () => {
        const result = await watchThenSignal(stub, ["--interval", "60", "--threshold", "100"], { MULTICLOUD_DR_STATE_DIR: stateDir }, "SIGINT", (stderr) => /^round 1 /m.test(stderr));
        assert.deepStrictEqual([result.code, result.signal], [0, null], result.stderr);
        assert.strictEqual(result.stdout, "watch staging: 1 round; stopped by SIGINT; no action needed\n");
        assert.ok(result.afterSignalMs < 10_000, `took ${result.afterSignalMs} ms after the signal`);
    });
});
