import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCliInProcess } from "../support/cli";
import { createStubPulumi, FLIP_TARGETS, NI, S, StubPulumi } from "../automation/stubPulumi";
import { startWebhook, Webhook } from "../drill/webhookServer";
import { PagerDutyReceiver, startPagerDutyReceiver } from "../notify/pagerDutyReceiver";
import { ReplicatedDynamo, startReplicatedDynamo } from "../support/replicatedDynamo";
import { ReadinessEstate, startReadinessEstate } from "./estate";

const EVENT_LOG = /^tcp:\/\/127\.0\.0\.1:\d+$/;
const ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";

/** An argv with the event-log address checked and replaced by a placeholder, so argv compare exactly. */
function normalized(call: string[]): string[] {
    return call.map((a, i) => {
        if (call[i - 1] === "--event-log") {
            assert.match(a, EVENT_LOG);
            return "<event-log>";
        }
        return a;
    });
}

describe("readiness CLI end to end (stub pulumi, loopback estate, PagerDuty and webhook receivers)", function () {
    this.timeout(30_000);
    let estate: ReadinessEstate;
    let stub: StubPulumi;
    let pager: PagerDutyReceiver;
    let hook: Webhook;
    let dir: string;
    let dynamo: ReplicatedDynamo;

    before(async () => {
        [estate, pager, hook, dynamo] = await Promise.all([
            startReadinessEstate(),
            startPagerDutyReceiver(),
            startWebhook(),
            // One dynalite per table region and the test replicator between them: a stand-in for global-table replication.
            startReplicatedDynamo({ regions: ["us-east-1", "us-west-2", "us-east-2"], tableName: "dr-app-staging", canary: { pk: "dr-canary", sk: "dr-canary" } }),
        ]);
        stub = createStubPulumi({ staging: { outputs: estate.outputs() } });
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-ready-cli-"));
        fs.writeFileSync(path.join(dir, "ca.pem"), String(estate.probeEnv.ca));
    });
    after(async () => {
        await Promise.all([estate?.close(), pager?.close(), hook?.close(), dynamo?.close()]);
        stub?.remove();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });
    beforeEach(() => {
        estate.reset();
        stub.update("staging", (s) => (s.handEdits = []));
        stub.clearCalls();
    });

    const env = (): Record<string, string> => ({
        MULTICLOUD_DR_PULUMI_ROOT: stub.root,
        MULTICLOUD_DR_STATE_DIR: dir,
        MULTICLOUD_DR_PROBE_CA: path.join(dir, "ca.pem"),
        MULTICLOUD_DR_ACTOR: "readiness-bot",
        MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY: ROUTING_KEY,
        MULTICLOUD_DR_PAGERDUTY_URL: pager.url,
        MULTICLOUD_DR_WEBHOOK: hook.url,
        MULTICLOUD_DR_LINODE_API_URL: estate.linode.baseUrl,
        LINODE_TOKEN: estate.linode.token,
        MULTICLOUD_DR_GCP_COMPUTE_API_URL: estate.compute.baseUrl,
        GOOGLE_OAUTH_ACCESS_TOKEN: estate.compute.token,
        MULTICLOUD_DR_DYNAMODB_ENDPOINT: dynamo.endpoints,
        GITHUB_SERVER_URL: "https://github.example.com",
        GITHUB_REPOSITORY: "acme/multicloud-dr",
    });
    const dr = (args: string[], extra: Record<string, string> = {}) => runCliInProcess(["readiness", "--stack", "staging", "--resolver", estate.dns.address, ...args], { ...env(), ...extra });

    it("a failing run pages (trigger), the next passing run resolves the same incident; refresh is preview-only and nothing is written", async () => {
        stub.update("staging", (s) => (s.handEdits = [{ name: "app-primary", diffs: ["records"] }]));
        const failing = await dr([]);
        assert.strictEqual(failing.code, 1, failing.stderr);
        // The verdict of every check on stdout, the failed ones with their evidence; the one error line on stderr.
        assert.match(failing.stdout, /^stack staging: NOT READY for failover \(6 passed, 1 failed, 0 skipped\); active site gcp, standby linode, Linode region us-east\n/);
        assert.match(failing.stdout, /\n {2}FAIL {4}drift: 1 change\(s\) made outside Pulumi to what a flip touches\n {12}drift: aws:route53\/record:Record "app-primary" records was changed outside Pulumi\n/);
        assert.match(failing.stdout, /\n {2}pass {4}standby-capacity: linode us-east: 1 of 1 backends up on each of 2 port\(s\)\n/);
        assert.strictEqual(
            failing.stderr.trim().split("\n").pop(),
            'error: stack staging is NOT READY for failover: drift (1 change(s) made outside Pulumi to what a flip touches)',
        );
        const refreshes = stub.calls().filter((c) => c[0] === "refresh").map(normalized);
        assert.deepStrictEqual(refreshes, [["refresh", "--preview-only", ...FLIP_TARGETS, "--exec-kind", "auto.local", "--event-log", "<event-log>", ...S, NI]]);
        assert.deepStrictEqual(stub.calls().filter((c) => c[0] === "up" || c[0] === "preview" || (c[0] === "config" && (c[1] === "set" || c[1] === "rm"))), []);
        assert.deepStrictEqual(stub.stack("staging").handEdits, [{ name: "app-primary", diffs: ["records"] }], "a refresh preview adopts nothing into the state");

        assert.strictEqual(pager.events.length, 1);
        const trigger = pager.events[0];
        assert.deepStrictEqual(
            { ...trigger, payload: { ...trigger.payload, timestamp: "<time>" } },
            {
                routing_key: ROUTING_KEY,
                event_action: "trigger",
                dedup_key: "multicloud-dr/staging/readiness",
                payload: {
                    summary: "multicloud-dr staging: NOT READY for failover: drift failed",
                    source: "multicloud-dr/staging",
                    severity: "critical",
                    timestamp: "<time>",
                    component: "not-ready",
                    group: "staging",
                    class: "readiness",
                    custom_details: { details: ["drift: 1 change(s) made outside Pulumi to what a flip touches"] },
                },
                links: [{ href: "https://github.example.com/acme/multicloud-dr/actions/workflows/failover.yml", text: "Manual failover workflow (GitHub Actions)" }],
                client: "multicloud-dr",
            },
        );
        assert.ok(!Number.isNaN(Date.parse(trigger.payload?.timestamp ?? "")));
        assert.deepStrictEqual(pager.open(), ["multicloud-dr/staging/readiness"]);

        stub.update("staging", (s) => (s.handEdits = []));
        const passing = await dr([]);
        assert.strictEqual(passing.code, 0, passing.stderr);
        assert.match(passing.stdout, /^stack staging: READY for failover \(7 passed, 0 failed, 0 skipped\)/);
        assert.deepStrictEqual(pager.events[1], { routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: "multicloud-dr/staging/readiness" });
        assert.deepStrictEqual(pager.open(), [], "every trigger has its resolve");
        // The chat webhook heard the failure, not the all-clear (which only closes the page).
        assert.deepStrictEqual(hook.received.map((r) => r.body.text.split("\n")[0]), [":rotating_light: multicloud-dr not-ready on staging: NOT READY for failover: drift failed"]);
    });

    it("--json: the verdict per check and the counts; a pager that is not listening changes nothing but a WARNING", async () => {
        const run = await dr(["--json"], { LINODE_TOKEN: "", MULTICLOUD_DR_PAGERDUTY_URL: "http://127.0.0.1:9/v2/enqueue" });
        assert.strictEqual(run.code, 0, run.stderr);
        const json = JSON.parse(run.stdout);
        assert.strictEqual(json.exitCode, 0);
        assert.strictEqual(json.ready, true);
        assert.deepStrictEqual(json.counts, { pass: 6, fail: 0, skipped: 1 });
        assert.deepStrictEqual(
            json.checks.map((c: { name: string; verdict: string }) => `${c.name}=${c.verdict}`),
            ["drift=pass", "endpoints=pass", "certificates=pass", "app-dns=pass", "linode-delegation=pass", "standby-capacity=skipped", "replication-lag=pass"],
        );
        assert.match(run.stderr, /WARNING: the ready notification to PagerDuty resolve at http:\/\/127\.0\.0\.1:9 failed \(connection refused\); the operation itself is not affected/);
        assert.ok(!run.stdout.includes(ROUTING_KEY) && !run.stderr.includes(ROUTING_KEY));
        const audit = fs.readFileSync(path.join(dir, "audit.jsonl"), "utf8");
        assert.match(audit, /"action":"notify","event":"ready","webhook":"PagerDuty resolve at http:\/\/127\.0\.0\.1:9"/);
        assert.ok(!audit.includes(ROUTING_KEY));
    });

    it("traffic on linode: standby-capacity asks the Compute API at MULTICLOUD_DR_GCP_COMPUTE_API_URL with GOOGLE_OAUTH_ACCESS_TOKEN; unset, it is skipped", async () => {
        stub.update("staging", (s) => (s.deployed["multicloud-dr:activeSite"] = "linode"));
        try {
            const run = await dr(["--json"]);
            const json = JSON.parse(run.stdout);
            assert.strictEqual(json.standbySite, "gcp");
            const capacity = json.checks.find((c: { name: string }) => c.name === "standby-capacity");
            assert.deepStrictEqual([capacity.verdict, capacity.detail], ["pass", "gcp: every serving region has its configured backends healthy (us-central1 2 of 2, us-east4 2 of 2)"]);
            assert.strictEqual(estate.compute.requests.length, 4);
            assert.ok(estate.compute.requests.every((r) => r.authorization === `Bearer ${estate.compute.token}` && r.line.endsWith("/getHealth")));
            assert.ok(!run.stdout.includes(estate.compute.token) && !run.stderr.includes(estate.compute.token));

            const unset = JSON.parse((await dr(["--json"], { GOOGLE_OAUTH_ACCESS_TOKEN: "" })).stdout);
            assert.match(unset.checks.find((c: { name: string }) => c.name === "standby-capacity").detail, /^skipped: no GCP access token \(set GOOGLE_OAUTH_ACCESS_TOKEN/);
            assert.strictEqual(estate.compute.requests.length, 4, "no token: nothing asked");
        } finally {
            stub.update("staging", (s) => (s.deployed["multicloud-dr:activeSite"] = "gcp"));
        }
    });

    it("bad input: a malformed --resolver is one line, exit 2, and nothing is asked of the stack", async () => {
        const run = await runCliInProcess(["readiness", "--stack", "staging", "--resolver", "dns.example.com"], env());
        assert.deepStrictEqual([run.code, run.stdout, run.stderr], [2, "", 'error: --resolver "dns.example.com" must be an IP address with an optional port, e.g. 127.0.0.1:5353\n']);
        assert.deepStrictEqual(stub.calls(), []);
    });

    it("--help lists its checks, its own exit codes 0/1/2 and the environment it reads", async () => {
        const run = await runCliInProcess(["readiness", "--help"]);
        assert.strictEqual(run.code, 0);
        const codes = run.stdout.slice(run.stdout.indexOf("Exit codes:\n")).split("\n\n")[0].split("\n").slice(1).map((l) => l.trim().split(" ")[0]);
        assert.deepStrictEqual(codes, ["0", "1", "2"]);
        assert.match(run.stdout, /--resolver <host:port>/);
        for (const name of ["drift", "endpoints", "certificates", "app-dns", "linode-delegation", "standby-capacity", "LINODE_TOKEN", "GOOGLE_OAUTH_ACCESS_TOKEN", "MULTICLOUD_DR_GCP_COMPUTE_API_URL", "MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY"]) {
            assert.ok(run.stdout.includes(name), name);
        }
    });
});
