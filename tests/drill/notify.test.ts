import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FakeClock } from "../../automation/clock";
import { EXIT } from "../../topology";
import { flipNotification, postJson, slackPayload, webhookNotifier } from "../../automation/notify";
import { DrContext, failover } from "../../automation/operations";
import { ProbeResult } from "../../automation/probes/types";
import { FakeStack } from "../../automation/testing/fakeStack";
import { closedPort } from "../automation/localServers";
import { startWebhook, Webhook } from "./webhookServer";
import { MemoryTable } from "../../automation/testing/memoryTable";

const OUTPUTS = {
    appHostname: "app.staging.example.com",
    tableName: "dr-app-staging",
    healthEndpoints: { gcp: "http://127.0.0.1:9/health", "linode:us-east": "http://127.0.0.1:9/health", "linode:us-central": "http://127.0.0.1:9/health" },
    writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
};
const allHealthy = async (_state: unknown, only?: readonly string[]): Promise<ProbeResult[]> =>
    ["endpoint:gcp", "endpoint:linode:us-east", "endpoint:linode:us-central", "dynamodb:gcp", "dynamodb:linode"]
        .filter((name) => !only || only.includes(name))
        .map((name) => ({ name, kind: "http", target: name, ok: true, status: "healthy", detail: "HTTP 200", ms: 1 }));
const LOOPBACK_ONLY = { allowRemote: false };

describe("notifications (Slack-compatible webhook on 127.0.0.1)", () => {
    let hook: Webhook;
    let dir: string;
    let stack: FakeStack;
    let logs: string[];
    let auditLog: string;

    before(async () => {
        hook = await startWebhook();
    });
    after(() => hook.close());
    beforeEach(() => {
        hook.mode = "ok";
        hook.received.length = 0;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-notify-"));
        stack = FakeStack.fromStackFile("staging", OUTPUTS);
        logs = [];
        auditLog = path.join(dir, "audit.jsonl");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const context = (url: string, timeoutMs?: number): DrContext => {
        const log = (line: string) => void logs.push(line);
        const actor = { who: "alice", host: "laptop" };
        return {
            stack,
            clock: new FakeClock(),
            probe: allHealthy,
            auditLog,
            lockDir: dir,
            actor,
            log,
            openTable: new MemoryTable().open,
            notify: webhookNotifier({ url, scope: LOOPBACK_ONLY, timeoutMs, log, auditLog, actor }),
        };
    };
    const flip = (ctx: DrContext) => failover(ctx, "linode", { reason: "gcp outage INC-9", yes: true, force: false, dryRun: false });
    const auditLines = () => fs.readFileSync(auditLog, "utf8").trim().split("\n").map((l) => JSON.parse(l));

    it("builds Slack's incoming-webhook shape: text for every receiver, plus section and context blocks", () => {
        const payload = slackPayload({ kind: "alert", stack: "staging", severity: "critical", title: "gcp failed 3 rounds", details: ["fail over with ..."] });
        assert.strictEqual(payload.text, ":rotating_light: multicloud-dr alert on staging: gcp failed 3 rounds\nfail over with ...");
        assert.deepStrictEqual(payload.blocks.map((b) => b.type), ["section", "section", "context"]);
        assert.deepStrictEqual(payload.blocks[0], { type: "section", text: { type: "mrkdwn", text: ":rotating_light: multicloud-dr alert on staging: gcp failed 3 rounds" } });
    });

    it("announces flips that changed the estate, not refusals, dry runs or no-ops", () => {
        const base = { stack: "staging", action: "failover", key: "multicloud-dr:activeSite", from: "gcp", to: "linode", who: "alice", reason: "r", forced: false, dryRun: false } as const;
        assert.strictEqual(flipNotification({ ...base, outcome: "succeeded" }, "m")?.title, "activeSite gcp -> linode");
        assert.strictEqual(flipNotification({ ...base, outcome: "up-failed" }, "m")?.severity, "critical");
        assert.strictEqual(flipNotification({ ...base, outcome: "refused" }, "m"), undefined);
        assert.strictEqual(flipNotification({ ...base, outcome: "dry-run", dryRun: true }, "m"), undefined);
        assert.strictEqual(flipNotification({ ...base, outcome: "at-target" }, "m"), undefined);
        assert.strictEqual(flipNotification({ ...base, outcome: "succeeded", undo: true }, "m")?.title, "activeSite gcp -> linode (undo of a failed flip)");
    });

    it("a failover is posted to the webhook as JSON", async () => {
        const result = await flip(context(hook.url));
        assert.strictEqual(result.exitCode, EXIT.OK);
        assert.strictEqual(hook.received.length, 1);
        const [{ contentType, body }] = hook.received;
        assert.strictEqual(contentType, "application/json");
        assert.match(body.text, /^:warning: multicloud-dr failover on staging: activeSite gcp -> linode\nby alice: gcp outage INC-9\nactiveSite is now linode on stack staging; writes go to us-east-2 \(epoch 1\)$/);
    });

    for (const [name, setup, detail] of [
        ["a dead webhook (nothing listening)", async () => `http://127.0.0.1:${await closedPort()}/services/secret-token`, /connection refused/],
        ["a webhook answering 500", async () => ((hook.mode = "error"), hook.url), /HTTP 500/],
        ["a webhook that never answers", async () => ((hook.mode = "hang"), hook.url), /no answer within 200 ms/],
    ] as const) {
        it(`${name} does not fail the flip: logged on stderr and in the audit log, without the webhook's secret path`, async () => {
            const result = await flip(context(await setup(), 200));
            assert.strictEqual(result.exitCode, EXIT.OK, result.message);
            assert.strictEqual(stack.deployed["multicloud-dr:activeSite"], "linode");
            const warning = logs.find((l) => l.startsWith("WARNING: the failover notification")) ?? assert.fail(logs.join("\n"));
            assert.match(warning, detail);
            const [flipEntry, notifyEntry, ...rest] = auditLines();
            assert.deepStrictEqual([flipEntry.action, flipEntry.outcome, rest.length], ["failover", "succeeded", 0]);
            assert.deepStrictEqual([notifyEntry.action, notifyEntry.event, notifyEntry.outcome, notifyEntry.who], ["notify", "failover", "failed", "alice"]);
            assert.match(notifyEntry.message, detail);
            assert.match(notifyEntry.webhook, /^http:\/\/127\.0\.0\.1:\d+$/);
            assert.ok(!fs.readFileSync(auditLog, "utf8").includes("secret-token") && !warning.includes("secret-token"));
        });
    }

    it("outside a real run, sends nothing to a non-loopback webhook (the probes' address guard)", async () => {
        const delivery = await postJson("https://hooks.slack.com/services/T/B/x", { text: "x" }, { timeoutMs: 200, scope: LOOPBACK_ONLY });
        assert.deepStrictEqual(delivery, { ok: false, detail: "not notifying hooks.slack.com: only loopback addresses outside a real run" });
        const result = await flip(context("https://hooks.slack.com/services/T/B/x"));
        assert.strictEqual(result.exitCode, EXIT.OK);
        assert.match(logs.join("\n"), /notification to https:\/\/hooks\.slack\.com failed \(not notifying hooks\.slack\.com/);
    });
});
