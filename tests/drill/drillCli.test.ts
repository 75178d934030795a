import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAuditLog } from "../../automation/audit";
import { DrillReport, DRILL_STEPS } from "../../automation/drill";
import { createTable, HealthServer, LocalDynamo, startDynalite, startHealthServer } from "../automation/localServers";
import { createStubPulumi, stagingOutputs, StubPulumi } from "../automation/stubPulumi";
import { DnsServer, startDnsServer } from "./dnsServer";
import { startWebhook, Webhook } from "./webhookServer";
import { runCliChild, runCliInProcess } from "../support/cli";

/** The CLI in this process, for the cases that stop before opening a stack. */
const drInProcess = (args: string[]) => runCliInProcess(args);

describe("drill and watch CLI", () => {
    describe("bad input (in-process; exit 2, no stack opened)", () => {
        for (const [args, message] of [
            [["drill", "--stack", "prod"], 'error: refusing to drill the production stack "prod" without --allow-prod (a drill moves real traffic twice)'],
            [["drill", "--stack", "staging", "--hold", "soon"], "error: option '--hold <seconds>' argument 'soon' is invalid. Expected a non-negative number of seconds."],
            [["drill", "--stack", "staging", "--verify-timeout", "0"], "error: option '--verify-timeout <seconds>' argument '0' is invalid. Expected a positive number of seconds."],
            [["drill", "--stack", "staging", "--dns-server", "dns.example.com"], 'error: --dns-server "dns.example.com" must be an IP address with an optional port, e.g. 127.0.0.1:5353'],
            [["watch", "--stack", "staging", "--max-rounds", "0"], "error: option '--max-rounds <n>' argument '0' is invalid. Expected a positive whole number."],
            [["watch", "--stack", "staging", "--interval", "1e3"], "error: option '--interval <seconds>' argument '1e3' is invalid. Expected a positive number of seconds."],
            [["watch", "--stack", "staging", "--threshold", "2.5"], "error: option '--threshold <n>' argument '2.5' is invalid. Expected a positive whole number."],
        ] as const) {
            it(`${args.join(" ")}: ${message}`, async () => {
                const result = await drInProcess([...args]);
                assert.deepStrictEqual([result.code, result.stderr.trim(), result.stdout], [2, message, ""]);
            });
        }

        it("drill --help and watch --help list their own exit codes", async () => {
            const drill = await drInProcess(["drill", "--help"]);
            assert.strictEqual(drill.code, 0);
            assert.match(drill.stdout, /--webhook <url>[\s\S]*--allow-prod[\s\S]*--report-dir <dir>[\s\S]*--dns-server <address\[:port\]>/);
            assert.match(drill.stdout, /Exit codes:\n  0  every step passed and the time to recover is within the target\n  1  a step failed/);
            const watch = await drInProcess(["watch", "--help"]);
            assert.match(watch.stdout, /--auto[\s\S]*--max-rounds <n>[\s\S]*Exit codes:\n  0  the active site is healthy/);
        });
    });

    /** The CI workflow's command, as a child process: stub pulumi, endpoints on 127.0.0.2/3, dynalite, dns2, a webhook. */
    describe("drill end to end (child process)", () => {
        let stub: StubPulumi;
        let dynamo: LocalDynamo;
        let servers: HealthServer[];
        let dns: DnsServer;
        let hook: Webhook;
        let dir: string;

        before(async () => {
            dynamo = await startDynalite();
            await createTable(dynamo, "dr-app-staging", { pk: "dr-canary", sk: "dr-canary" });
            servers = await Promise.all([
                startHealthServer({ status: 200, body: "ok" }, undefined, "127.0.0.2"),
                startHealthServer({ status: 200, body: "ok" }, undefined, "127.0.0.3"),
                startHealthServer({ status: 200, body: "ok" }, undefined, "127.0.0.4"),
            ]);
            const [gcp, usEast, usCentral] = servers;
            stub = createStubPulumi({
                staging: {
                    outputs: stagingOutputs({ gcp: gcp.url, usEast: usEast.url, usCentral: usCentral.url }),
                },
            });
            // No failback window and no hold: this run uses the real clock (the fake-clock tests cover the waits).
            stub.update("staging", (s) => {
                const key = "multicloud-dr:failover";
                s.config[key].value = JSON.stringify({ ...JSON.parse(s.config[key].value), failbackWindowSeconds: 0, failbackSampleSeconds: 1 });
            });
            dns = await startDnsServer((name) => (name === "app.staging.example.com" ? [stub.stack("staging").deployed["multicloud-dr:activeSite"] === "linode" ? "127.0.0.3" : "127.0.0.2"] : []));
            hook = await startWebhook();
            dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-drill-e2e-"));
        });

        after(async () => {
            await Promise.all([...servers.map((s) => s.close()), dynamo.close(), dns.close(), hook.close()]);
            stub.remove();
            fs.rmSync(dir, { recursive: true, force: true });
        });

        it("npm run dr -- drill --stack staging --report-dir <dir>: passes, writes both reports, returns home and notifies", async () => {
            const reportDir = path.join(dir, "drill-report");
            const result = await runCliChild(["drill", "--stack", "staging", "--report-dir", reportDir, "--hold", "0", "--dns-server", dns.address], {
                HOME: dir,
                MULTICLOUD_DR_PULUMI_ROOT: stub.root,
                MULTICLOUD_DR_STATE_DIR: dir,
                MULTICLOUD_DR_DYNAMODB_ENDPOINT: dynamo.endpoint,
                MULTICLOUD_DR_WEBHOOK: hook.url,
                MULTICLOUD_DR_ACTOR: "drill-bot",
                AWS_ACCESS_KEY_ID: "local",
                AWS_SECRET_ACCESS_KEY: "local",
            });
            assert.strictEqual(result.code, 0, result.stderr);
            assert.match(result.stdout, /^drill passed: gcp -> linode -> gcp; time to recover \d+\.\ds \(target 300s\)\n$/);
            const report: DrillReport = JSON.parse(fs.readFileSync(path.join(reportDir, "drill-report.json"), "utf8"));
            assert.deepStrictEqual(report.steps.map((s) => [s.name, s.outcome]), DRILL_STEPS.map((s) => [s, "passed"]));
            assert.ok(report.steps.every((s) => s.durationMs >= 0 && !Number.isNaN(Date.parse(s.startedAt))));
            assert.strictEqual(report.holdSeconds, 0);
            assert.match(fs.readFileSync(path.join(reportDir, "drill-report.md"), "utf8"), /^# DR drill on `staging`: passed$/m);
            assert.deepStrictEqual(stub.stack("staging").deployed["multicloud-dr:activeSite"], "gcp");
            assert.deepStrictEqual(readAuditLog(path.join(dir, "audit.jsonl")).map((e) => [e.action, e.outcome]), [["failover", "succeeded"], ["failback", "succeeded"]]);
            assert.deepStrictEqual(hook.received.map((r) => r.body.text.split("\n")[0].replace(/^:\w+: /, "").split(":")[0]), [
                "multicloud-dr failover on staging",
                "multicloud-dr failback on staging",
                "multicloud-dr drill on staging",
            ]);
        });
    });
});
