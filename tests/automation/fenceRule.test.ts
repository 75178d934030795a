import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAuditLog } from "../../automation/audit";
import { FakeClock } from "../../automation/clock";
import { DrContext, failover, moveLinodeRegion, switchData } from "../../automation/operations";
import { ProbeResult } from "../../automation/probes/types";
import { FakeStack } from "../../automation/testing/fakeStack";
import { MemoryTable } from "../../automation/testing/memoryTable";
import { BadInputError, EXIT } from "../../topology";

const OUTPUTS = { tableName: "dr-app-staging", healthEndpoints: {}, writeRegions: { gcp: "us-west-2", linode: "us-east-2" } };
const healthy = async (): Promise<ProbeResult[]> =>
    ["endpoint:linode:us-east", "endpoint:linode:us-central", "dynamodb:linode", "dynamodb:gcp"].map((name) => ({ name, kind: "http", target: "-", ok: true, status: "healthy", detail: "ok", ms: 1 }));

/** The fence rule inside the flip operation: fake stack, fake clock, a table in memory whose replication can stop. */
describe("the fence rule (fake stack, fake clock, in-memory table)", () => {
    let dir: string;
    let stack: FakeStack;
    let clock: FakeClock;
    let table: MemoryTable;
    let ctx: DrContext;
    const logs: string[] = [];
    const yes = { yes: true, force: false, dryRun: false };
    const setTable = (fields: Record<string, unknown>) => {
        const key = "multicloud-dr:table";
        stack.config[key] = { value: JSON.stringify({ ...JSON.parse(stack.config[key].value), ...fields }), secret: false };
    };
    const audit = () => readAuditLog(path.join(dir, "audit.jsonl"));

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-fence-"));
        stack = FakeStack.fromStackFile("staging", OUTPUTS);
        clock = new FakeClock();
        table = new MemoryTable();
        logs.length = 0;
        ctx = { stack, clock, probe: healthy, auditLog: path.join(dir, "audit.jsonl"), lockDir: dir, actor: { who: "alice", host: "laptop" }, log: (l) => logs.push(l), openTable: table.open };
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("waits the configured bound on the fake clock, polling at the configured interval, then refuses with fence-timeout", async () => {
        table.replicating = false;
        setTable({ maxReplicationLagSeconds: 2, replicationPollMs: 500 });
        const started = clock.now();
        const result = await failover(ctx, "linode", { ...yes, reason: "outage" });
        assert.deepStrictEqual([result.exitCode, result.data.outcome], [EXIT.REFUSED, "fence-timeout"]);
        assert.strictEqual(clock.now() - started, 2000);
        const fence = result.data.health.find((h) => h.name === "fence")!;
        assert.match(fence.detail, /did not arrive in us-east-2 within 2s \(table.maxReplicationLagSeconds; 5 consistent read\(s\)/);
        assert.deepStrictEqual([stack.value("activeSite"), stack.value("dataEpoch"), stack.calls.includes("up")], ["gcp", undefined, false]);
    });

    it("--force overrides a timed-out fence: the flip goes on, and the audit entry records the override and the evidence", async () => {
        table.replicating = false;
        const result = await failover(ctx, "linode", { ...yes, force: true, reason: "us-west-2 is down, INC-4" });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        const [entry] = audit();
        assert.deepStrictEqual([entry.forced, entry.outcome, entry.data?.epoch], [true, "succeeded", 1]);
        assert.deepStrictEqual(entry.rules.find((r) => r.rule === "fence")?.overridden, true);
        assert.ok(logs.some((l) => /^WARNING: the fence \(epoch 1\) written in us-west-2 did not arrive .*\(overridden by --force\)$/.test(l)), logs.join("\n"));
        assert.deepStrictEqual([stack.deployed["multicloud-dr:dataEpoch"], stack.deployed["multicloud-dr:activeSite"]], ["1", "linode"]);
    });

    it("strong mode skips the wait and says why (log and verdict), even with replication stopped", async () => {
        setTable({ consistency: "strong" });
        table.replicating = false;
        const result = await switchData(ctx, "linode", { ...yes, reason: "mrsc" });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.deepStrictEqual(table.writes, []);
        const verdict = result.data.rules.find((r) => r.rule === "fence")!;
        assert.match(verdict.message, /^write region us-west-2 -> us-east-2, epoch 1: no fence wait: table.consistency is strong/);
        assert.ok(logs.some((l) => l.startsWith("fence: no fence wait: table.consistency is strong")));
    });

    it("a flip that does not move the write region does not fence and keeps the epoch", async () => {
        const result = await moveLinodeRegion(ctx, "us-central", { ...yes, reason: "us-east degraded" });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.deepStrictEqual([result.data.rules.map((r) => r.rule).includes("fence"), table.writes.length, stack.value("dataEpoch")], [false, 0, undefined]);
    });

    it("failover moves a set dataSite with traffic, in one change set; restoring on a refusal covers every key", async () => {
        stack.config["multicloud-dr:dataSite"] = { value: "gcp", secret: false };
        stack.deployed["multicloud-dr:dataSite"] = "gcp";
        table.replicating = false;
        await failover(ctx, "linode", { ...yes, reason: "outage" });
        const writes = stack.calls.filter((c) => c.startsWith("setConfig") || c.startsWith("removeConfig"));
        assert.deepStrictEqual(writes, [
            "setConfig multicloud-dr:activeSite",
            "setConfig multicloud-dr:dataSite",
            "setConfig multicloud-dr:dataEpoch",
            "setConfig multicloud-dr:lastFlip",
            "setConfig multicloud-dr:activeSite",
            "setConfig multicloud-dr:dataSite",
            "removeConfig multicloud-dr:dataEpoch",
            "removeConfig multicloud-dr:lastFlip",
        ]);
        assert.deepStrictEqual([stack.value("activeSite"), stack.value("dataSite"), stack.value("dataEpoch")], ["gcp", "gcp", undefined]);
    });

    it("switch-data needs a known site and a reason: bad input before anything is read", () => {
        assert.throws(() => switchData(ctx, "aws", { ...yes, reason: "x" }), BadInputError);
        assert.throws(() => switchData(ctx, "linode", { ...yes }), /switch-data needs --reason/);
        assert.deepStrictEqual(stack.calls, []);
    });
});
