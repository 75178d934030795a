import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAuditLog } from "../../automation/audit";
import { FakeClock } from "../../automation/clock";
import { DrContext, failover } from "../../automation/operations";
import { ProbeResult } from "../../automation/probes/types";
import { DrStack, openAutomationStack } from "../../automation/stackAdapter";
import { EXIT } from "../../topology";
import { APP_PRIMARY, APP_SECONDARY, createStubPulumi, FLIP_TARGETS, LINODE, NI, S, SSM, StubPulumi, target, URN } from "./stubPulumi";
import { MemoryTable } from "../../automation/testing/memoryTable";

const EVENT_LOG = /^tcp:\/\/127\.0\.0\.1:\d+$/;
const HAND_EDIT = { name: "app-primary", diffs: ["records", "ttl"] };

/** An argv with the event-log address checked and replaced by a placeholder, so argv compare exactly. */
function normalized(call: string[]): string[] {
    return call.map((a, i) => {
        if (call[i - 1] === "--event-log") {
            assert.match(a, EVENT_LOG);
            return "<event-log>";
        }
        return call[i - 1] === "--message" ? "<message>" : a;
    });
}

describe("drift at flip time: targeted refresh and targeted up (stub pulumi)", () => {
    let stub: StubPulumi;
    let stack: DrStack;
    let dir: string;
    let logs: string[];

    before(async () => {
        stub = createStubPulumi({ staging: { outputs: { appHostname: "app.staging.example.com", tableName: "dr-app-staging" } } });
        stack = await openAutomationStack("staging", { pulumiRoot: stub.root });
    });
    after(() => stub.remove());
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-drift-"));
        logs = [];
        stub.update("staging", (s) => {
            s.handEdits = [HAND_EDIT];
            s.config["multicloud-dr:activeSite"].value = "gcp";
            s.deployed["multicloud-dr:activeSite"] = "gcp";
            delete s.config["multicloud-dr:lastFlip"];
        });
        stub.clearCalls();
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const ctx = (): DrContext => ({
        stack,
        clock: new FakeClock(),
        probe: async (): Promise<ProbeResult[]> =>
            ["endpoint:linode:us-east", "dynamodb:linode"].map((name) => ({ name, kind: "http", target: "-", ok: true, status: "healthy", detail: "ok", ms: 1 })),
        auditLog: path.join(dir, "audit.jsonl"),
        lockDir: dir,
        actor: { who: "alice", host: "laptop" },
        log: (line) => logs.push(line),
        openTable: new MemoryTable().open,
    });
    const calls = (first: string) => stub.calls().filter((c) => c[0] === first).map(normalized);
    const expectedDrift = ['drift: aws:route53/record:Record "app-primary" records was changed outside Pulumi', 'drift: aws:route53/record:Record "app-primary" ttl was changed outside Pulumi'];

    it("lists the stack's resources from `stack export` (URN and type)", async () => {
        const resources = await stack.resources();
        assert.deepStrictEqual(
            resources.map((r) => r.urn),
            [`${URN}pulumi:pulumi:Stack::multicloud-dr-staging`, `${URN}pulumi:providers:aws::default_7_48_0`, APP_PRIMARY, APP_SECONDARY, SSM, LINODE, `${URN}aws:dynamodb/table:Table::table`],
        );
        assert.deepStrictEqual(resources[2], { urn: APP_PRIMARY, type: "aws:route53/record:Record" });
        assert.deepStrictEqual(stub.calls(), [["stack", "export", "--show-secrets", ...S, NI]]);
    });

    it("a flip refreshes exactly the flip-touchable URNs, reports the hand edit, and updates only what its preview changed", async () => {
        const result = await failover(ctx(), "linode", { reason: "gcp outage", yes: true, force: false, dryRun: false });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.deepStrictEqual(calls("refresh"), [["refresh", "--skip-preview", "--yes", ...FLIP_TARGETS, "--event-log", "<event-log>", "--exec-kind", "auto.local", ...S, NI]]);
        assert.deepStrictEqual(calls("up"), [["up", "--yes", "--skip-preview", "--message", "<message>", ...target(APP_PRIMARY, APP_SECONDARY, SSM), "--exec-kind", "auto.local", ...S, NI]]);
        assert.deepStrictEqual(result.data.drift, expectedDrift);
        assert.deepStrictEqual(logs.filter((l) => l.startsWith("drift:")), expectedDrift);
        assert.deepStrictEqual(readAuditLog(path.join(dir, "audit.jsonl"))[0].drift, expectedDrift);
        assert.deepStrictEqual(stub.stack("staging").handEdits, [], "the refresh adopted the console edit into the state");
        assert.strictEqual(stub.stack("staging").deployed["multicloud-dr:activeSite"], "linode");
        assert.strictEqual((await stack.outputs()).activeSite, "linode", "the targeted update wrote the stack outputs status reads");
    });

    it("a dry run refreshes with --preview-only: the drift is reported and nothing changes state", async () => {
        const result = await failover(ctx(), "linode", { reason: "rehearsal", yes: true, force: false, dryRun: true });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.deepStrictEqual(calls("refresh"), [["refresh", "--preview-only", ...FLIP_TARGETS, "--exec-kind", "auto.local", "--event-log", "<event-log>", ...S, NI]]);
        assert.deepStrictEqual(calls("up"), []);
        assert.deepStrictEqual(result.data.drift, expectedDrift);
        assert.deepStrictEqual(stub.stack("staging").handEdits, [HAND_EDIT]);
        assert.strictEqual(stub.stack("staging").config["multicloud-dr:activeSite"].value, "gcp");
    });

    it("a flip with no drift reports none", async () => {
        stub.update("staging", (s) => (s.handEdits = []));
        const result = await failover(ctx(), "linode", { reason: "gcp outage", yes: true, force: false, dryRun: false });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.strictEqual(result.data.drift, undefined);
        assert.deepStrictEqual(logs.filter((l) => l.startsWith("drift:")), []);
    });
});
