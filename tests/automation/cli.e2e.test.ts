import * as assert from "assert";
import { spawn } from "child_process";
import { once } from "events";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAuditLog } from "../../automation/audit";
import { closedPort, createTable, HealthServer, LocalDynamo, startDynalite, startHealthServer } from "./localServers";
import { createStubPulumi, StubPulumi } from "./stubPulumi";
import { runCliChild, runCliInProcess } from "../support/cli";
import { PROJECT_ROOT } from "../../topology";

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

/** End to end: bin/multicloud-dr as a child process, on a stub pulumi, local health servers and dynalite. */
describe("failover CLI end to end (child process, stub pulumi, local servers, dynalite)", () => {
    let stub: StubPulumi;
    let dynamo: LocalDynamo;
    let servers: HealthServer[];
    let stateDir: string;
    let appPort: number;

    before(async () => {
        dynamo = await startDynalite();
        await createTable(dynamo, "dr-app-staging", { pk: "dr-canary", sk: "dr-canary" });
        servers = await Promise.all([
            startHealthServer({ status: 200, body: "ok" }),
            startHealthServer({ status: 200, body: "ok" }),
            startHealthServer({ status: 500, body: "down" }),
        ]);
        const [gcp, usEast, usCentral] = servers;
        stub = createStubPulumi({
            staging: {
                outputs: {
                    appHostname: "app.staging.example.com",
                    tableName: "dr-app-staging",
                    healthEndpoints: { gcp: gcp.url, "linode:us-east": usEast.url, "linode:us-central": usCentral.url },
                    siteEndpoints: { gcp: gcp.url, linode: usEast.url },
                    writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
                },
            },
        });
        stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-e2e-"));
        // Nothing listens here: the app-hostname probe (informational) fails fast, on loopback.
        appPort = await closedPort();
    });

    after(async () => {
        await Promise.all([...servers.map((s) => s.close()), dynamo.close()]);
        stub.remove();
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    const toolEnv = (): Record<string, string> => ({
        MULTICLOUD_DR_PULUMI_ROOT: stub.root,
        MULTICLOUD_DR_STATE_DIR: stateDir,
        MULTICLOUD_DR_LOOPBACK_ONLY: "1",
        MULTICLOUD_DR_DYNAMODB_ENDPOINT: dynamo.endpoint,
        MULTICLOUD_DR_CONNECT_TO: `app.staging.example.com:443=127.0.0.1:${appPort}`,
        MULTICLOUD_DR_ACTOR: "oncall-bot",
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
        AWS_REGION: "us-east-1",
    });

    /** bin/multicloud-dr in a child process. */
    const dr = (args: string[], env: Record<string, string> = {}) => runCliChild(args, { HOME: stateDir, ...toolEnv(), ...env });
    /** The same CLI in this process (saves a process start per case); the stub pulumi still runs as a process. */
    const drInProcess = (args: string[], env: Record<string, string> = {}) => runCliInProcess(args, { ...toolEnv(), ...env });

    const config = (key: string) => stub.stack("staging").config[`multicloud-dr:${key}`]?.value;
    const deployed = (key: string) => stub.stack("staging").deployed[`multicloud-dr:${key}`];
    const audit = () => readAuditLog(path.join(stateDir, "audit.jsonl"));
    const configWrites = () => stub.calls().filter((c) => c[0] === "config" && (c[1] === "set" || c[1] === "rm"));

    it("status --json reports both sites and every probe", async () => {
        const { code, stdout } = await dr(["status", "--stack", "staging", "--json"]);
        const report = JSON.parse(stdout);
        assert.strictEqual(code, 0);
        assert.deepStrictEqual([report.activeSite, report.sites.gcp.healthy, report.sites.linode.healthy], ["gcp", true, true]);
        const statuses = Object.fromEntries(report.probes.map((p: { name: string; status: string }) => [p.name, p.status]));
        assert.deepStrictEqual(statuses, {
            "endpoint:gcp": "healthy",
            "endpoint:linode:us-east": "healthy",
            "endpoint:linode:us-central": "unhealthy",
            "dynamodb:gcp": "healthy",
            "dynamodb:linode": "healthy",
            "app-hostname": "error",
        });
    });

    it("failover --to linode flips after probing, streams the update and writes the audit entry", async () => {
        stub.clearCalls();
        const { code, stdout, stderr } = await dr(["failover", "--stack", "staging", "--to", "linode", "--reason", "gcp outage INC-7", "--yes"]);
        assert.strictEqual(code, 0, stderr);
        assert.strictEqual(stdout.trim(), "activeSite is now linode on stack staging");
        assert.match(stderr, /Updating \(staging\)/);
        assert.deepStrictEqual([config("activeSite"), deployed("activeSite")], ["linode", "linode"]);
        const [entry] = audit();
        assert.deepStrictEqual([entry.who, entry.from, entry.to, entry.reason, entry.outcome], ["oncall-bot", "gcp", "linode", "gcp outage INC-7", "succeeded"]);
        assert.strictEqual(stub.stack("staging").history[0].message, `multicloud-dr failover: activeSite gcp -> linode by oncall-bot: gcp outage INC-7\naudit id: ${entry.id}`);
        assert.strictEqual(JSON.parse(config("lastFlip")!).outcome, "succeeded");
    });

    it("a second flip inside the cooldown is refused with exit 4 and no config change (in-process)", async () => {
        stub.clearCalls();
        const { code, stderr } = await drInProcess(["failover", "--stack", "staging", "--to", "gcp", "--reason", "flap", "--yes"]);
        assert.strictEqual(code, 4);
        assert.match(stderr, /^error: refused: cooldown: the last flip was \d+s ago/m);
        assert.deepStrictEqual(configWrites(), []);
    });

    it("moving the Linode site to an unhealthy region is refused with exit 4 (in-process)", async () => {
        // Past the cooldown: the operator cleared the last flip.
        stub.update("staging", (s) => delete s.config["multicloud-dr:lastFlip"]);
        stub.clearCalls();
        const { code, stderr } = await drInProcess(["move-linode", "--stack", "staging", "--to", "us-central", "--reason", "us-east degraded", "--yes"]);
        assert.strictEqual(code, 4);
        assert.match(stderr, /refused: us-central is unhealthy: endpoint:linode:us-central: HTTP 500/);
        assert.deepStrictEqual(configWrites(), []);
        assert.strictEqual(audit().pop()!.outcome, "refused");
    });

    it("a locked stack gives exit 3 and leaves config as it was (in-process)", async () => {
        const before = JSON.stringify(stub.stack("staging").config);
        const { code, stderr } = await drInProcess(["failover", "--stack", "staging", "--to", "gcp", "--reason", "drill", "--yes"], { STUB_PULUMI_FAIL: "preview=locked" });
        assert.strictEqual(code, 3);
        assert.match(stderr, /being updated by someone else \(or is locked\).*config restored/);
        assert.strictEqual(JSON.stringify(stub.stack("staging").config), before);
    });

    it("an unknown stack is one line and exit 2 (in-process)", async () => {
        const { code, stderr } = await drInProcess(["status", "--stack", "nope"]);
        assert.strictEqual(code, 2);
        assert.strictEqual(stderr.trim(), `error: unknown stack "nope": no stack named 'nope' found`);
    });

    it("a failed up exits 5 with config at the target; re-running converges", async () => {
        const failed = await dr(["failover", "--stack", "staging", "--to", "gcp", "--reason", "gcp is back", "--yes", "--force"], { STUB_PULUMI_FAIL: "up=failed" });
        assert.strictEqual(failed.code, 5);
        assert.match(failed.stderr, /update failed.*Config is left at activeSite=gcp; re-run the same command to converge/);
        assert.deepStrictEqual([config("activeSite"), deployed("activeSite")], ["gcp", "linode"]);
        const rerun = await dr(["failover", "--stack", "staging", "--to", "gcp", "--reason", "gcp is back", "--yes"]);
        assert.strictEqual(rerun.code, 0, rerun.stderr);
        assert.match(rerun.stderr, /resuming that flip/);
        assert.strictEqual(deployed("activeSite"), "gcp");
        assert.deepStrictEqual(audit().slice(-2).map((e) => e.outcome), ["up-failed", "succeeded"]);
    });

    it("a run SIGKILLed while its update runs is completed and audited by the next run", async () => {
        const auditLines = audit().length;
        const args = ["failover", "--stack", "staging", "--to", "linode", "--reason", "gcp outage INC-9", "--yes", "--force"];
        const tool = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "multicloud-dr"), ...args], {
            cwd: PROJECT_ROOT,
            env: { PATH: process.env.PATH ?? "", HOME: stateDir, ...toolEnv(), STUB_PULUMI_UP_SLEEP_MS: "3000" },
            stdio: "ignore",
        });
        await waitFor(() => deployed("activeSite") === "linode", 60_000, "the update to deploy linode");
        tool.kill("SIGKILL");
        await once(tool, "exit");
        const pending = JSON.parse(config("lastFlip")!);
        assert.strictEqual(pending.outcome, "pending");
        assert.strictEqual(audit().length, auditLines, "the killed run wrote no audit line");
        await waitFor(() => fs.existsSync(path.join(stub.root, "up-done")), 30_000, "the orphaned pulumi up to finish");

        const seen = await drInProcess(["status", "--stack", "staging"]);
        assert.match(seen.stdout, /^stack staging: active site linode /);
        assert.match(seen.stdout, /last flip: failover gcp -> linode by oncall-bot .*was interrupted after its update started; the update deployed it/);

        const next = await dr(["failover", "--stack", "staging", "--to", "linode", "--reason", "gcp outage INC-9", "--yes"]);
        assert.strictEqual(next.code, 0, next.stderr);
        assert.match(next.stdout, /^completed the interrupted failover gcp -> linode by oncall-bot \(audit id \S+\): its update had deployed it; activeSite is already linode/);
        const entry = audit().pop()!;
        assert.deepStrictEqual([entry.id, entry.outcome, entry.reason, entry.completedBy], [pending.id, "succeeded", "gcp outage INC-9", "oncall-bot"]);
        assert.deepStrictEqual([JSON.parse(config("lastFlip")!).id, JSON.parse(config("lastFlip")!).outcome], [pending.id, "succeeded"]);
    });
});
