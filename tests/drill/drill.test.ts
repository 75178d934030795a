import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { readAuditLog } from "../../automation/audit";
import { DRILL_STEPS, DrillReport, dnsResolver, REPORT_JSON, REPORT_MARKDOWN, runDrill } from "../../automation/drill";
import { BadInputError, EXIT } from "../../topology";
import { FakeStack } from "../../automation/testing/fakeStack";
import { APP_HOSTNAME, FAILING, harness, Harness, LocalEstate, startLocalEstate } from "./estate";

/** staging: rtoTargetSeconds 300, drillHoldSeconds 60, cooldown 300, failback window 300 sampled every 30 s. */
describe("drill (fake stack, local endpoints, real DNS server on 127.0.0.1, fake clock)", () => {
    let estate: LocalEstate;
    let h: Harness;

    before(async () => {
        estate = await startLocalEstate();
    });
    after(() => estate.close());
    beforeEach(() => {
        estate.reset();
        h = harness(estate);
    });
    afterEach(() => h.cleanup());

    const drill = (extra: { holdSeconds?: number; timeoutSeconds?: number } = {}) =>
        runDrill(h.ctx, {
            allowProd: false,
            holdSeconds: extra.holdSeconds,
            reportDir: path.join(h.dir, "report"),
            verify: {
                probeEnv: estate.probeEnv,
                timeoutSeconds: extra.timeoutSeconds,
                resolve: dnsResolver({ server: estate.dns.address, timeoutMs: 1000, scope: estate.probeEnv.scope }),
            },
        });
    const readReport = (): DrillReport => JSON.parse(fs.readFileSync(path.join(h.dir, "report", REPORT_JSON), "utf8"));
    const stepOf = (report: DrillReport, name: string) => report.steps.find((s) => s.name === name) ?? assert.fail(`no step ${name}`);
    const configWrites = () => h.stack.calls.filter((c) => c.startsWith("setConfig") || c.startsWith("removeConfig"));

    it("fails over to the standby, verifies through DNS, holds, fails back and verifies: every step passed and timed", async () => {
        const result = await drill();
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        const report = readReport();
        assert.deepStrictEqual(report.steps.map((s) => [s.name, s.outcome]), DRILL_STEPS.map((name) => [name, "passed"]));
        assert.deepStrictEqual([report.from, report.to, report.outcome], ["gcp", "linode", "passed"]);
        // Back home, deployed, with two audited flips: the drill's failover and its failback.
        assert.deepStrictEqual([h.stack.value("activeSite"), h.stack.deployed["multicloud-dr:activeSite"]], ["gcp", "gcp"]);
        assert.deepStrictEqual(readAuditLog(h.auditLog).map((e) => [e.action, e.outcome, e.to]), [["failover", "succeeded", "linode"], ["failback", "succeeded", "gcp"]]);
        assert.match(readAuditLog(h.auditLog)[0].reason, /^drill: /);
        // DNS was really asked, and the resolved address probed.
        assert.ok(estate.dns.queries.includes(APP_HOSTNAME));
        const verify = stepOf(report, "verify-failover");
        assert.deepStrictEqual(verify.evidence.map((e) => [e.name, e.status]), [["endpoint:linode:us-east", "healthy"], ["dns", "healthy"], ["app-via-dns", "healthy"]]);
        assert.match(verify.evidence[2].target, /^http:\/\/127\.0\.0\.3:\d+\/health \(Host: app\.staging\.example\.com\)$/);
    });

    it("times every step with the clock: the hold lasts drillHoldSeconds, the failback its sampled window, steps follow each other", async () => {
        await drill();
        const report = readReport();
        const start = Date.parse(report.startedAt);
        let previousEnd = start;
        for (const step of report.steps) {
            assert.strictEqual(Date.parse(step.startedAt), previousEnd, `${step.name} starts when the previous step ends`);
            assert.strictEqual(step.offsetSeconds, (previousEnd - start) / 1000);
            previousEnd += step.durationMs;
        }
        assert.strictEqual(stepOf(report, "hold").durationMs, 60_000);
        assert.strictEqual(stepOf(report, "failback").durationMs, 300_000, "11 samples, 30 s apart");
        assert.strictEqual(report.durationMs, previousEnd - start);
        // Nothing in the flip or verification sleeps when DNS already follows: recovery is immediate on the fake clock.
        assert.deepStrictEqual([report.timeToRecoverSeconds, report.rtoTargetSeconds, report.withinTarget], [0, 300, true]);
        assert.strictEqual(report.failbackSeconds, 300);
    });

    it("measures the time to recover while DNS catches up, and fails when it exceeds the stack's target", async () => {
        // DNS keeps answering gcp for 42 s after the flip was deployed (a TTL); verification polls every 5 s.
        let flippedAt: number | undefined;
        const follow = estate.dns.answer;
        estate.dns.answer = (name) => {
            const deployed = h.stack.deployed["multicloud-dr:activeSite"];
            if (deployed === "linode" && flippedAt === undefined) {
                flippedAt = h.clock.now();
            }
            return deployed === "linode" && h.clock.now() - (flippedAt ?? 0) < 42_000 ? [estate.addressOf("gcp")] : follow(name);
        };
        h.setFailoverConfig({ rtoTargetSeconds: 40 });
        const result = await drill({ timeoutSeconds: 120 });
        const report = readReport();
        assert.strictEqual(stepOf(report, "verify-failover").outcome, "passed");
        assert.strictEqual(report.timeToRecoverSeconds, 45, "first poll at or after 42 s: 9 polls of 5 s");
        assert.strictEqual(report.withinTarget, false);
        assert.strictEqual(result.exitCode, EXIT.FAILED);
        assert.strictEqual(result.message, "drill failed: time to recover 45.0s exceeds the target of 40s");
        assert.strictEqual(report.failedStep, undefined);
    });

    it("fails at verify-failover when DNS never follows, returns home anyway and names the step", async () => {
        estate.dns.answer = () => [estate.addressOf("gcp")];
        const result = await drill({ timeoutSeconds: 30 });
        assert.strictEqual(result.exitCode, EXIT.FAILED);
        assert.match(result.message, /^drill failed at step "verify-failover": traffic does not reach linode after 7 attempt\(s\) over 30s: dns: resolves to 127\.0\.0\.2, not linode's 127\.0\.0\.3/);
        const report = readReport();
        assert.deepStrictEqual(report.steps.map((s) => [s.name, s.outcome]), [
            ["status", "passed"],
            ["failover", "passed"],
            ["verify-failover", "failed"],
            ["hold", "skipped"],
            ["failback", "passed"],
            ["verify-failback", "passed"],
        ]);
        assert.strictEqual(report.failedStep, "verify-failover");
        assert.strictEqual(report.timeToRecoverSeconds, undefined);
        assert.strictEqual(h.stack.deployed["multicloud-dr:activeSite"], "gcp");
    });

    it("fails at status and changes nothing when the standby is unhealthy", async () => {
        estate.usEast.behaviour = { ...FAILING };
        const result = await drill();
        assert.strictEqual(result.exitCode, EXIT.FAILED);
        assert.match(result.message, /^drill failed at step "status": linode is unhealthy: endpoint:linode:us-east: HTTP 503/);
        assert.deepStrictEqual(configWrites(), []);
        assert.deepStrictEqual(readReport().steps.map((s) => s.outcome), ["failed", "skipped", "skipped", "skipped", "skipped", "skipped"]);
    });

    it("fails at failback when the home site breaks during the hold, and leaves traffic on the healthy standby", async () => {
        h.clock.at(30_000, () => (estate.gcp.behaviour = { ...FAILING }));
        const result = await drill();
        assert.strictEqual(result.exitCode, EXIT.FAILED);
        assert.match(result.message, /^drill failed at step "failback": refused: home site was unhealthy in 1 of the 1 sample\(s\) taken \(the \d+s window needs \d+\)/);
        const report = readReport();
        assert.strictEqual(stepOf(report, "failback").exitCode, EXIT.REFUSED);
        assert.strictEqual(stepOf(report, "verify-failback").outcome, "skipped");
        assert.strictEqual(h.stack.deployed["multicloud-dr:activeSite"], "linode");
        // Recovery itself was fine and measured.
        assert.strictEqual(report.withinTarget, true);
    });

    it("fails at failover when a safety rule refuses it (a recent flip: cooldown), with nothing to undo", async () => {
        await drill();
        h.setFailoverConfig({ cooldownSeconds: 900 }); // the drill's failback started 300 s ago (its sampled window)
        const result = await drill();
        assert.match(result.message, /^drill failed at step "failover": refused: cooldown/);
        assert.deepStrictEqual(readReport().steps.slice(1).map((s) => s.outcome), ["failed", "skipped", "skipped", "skipped", "skipped"]);
        assert.strictEqual(h.stack.value("activeSite"), "gcp");
    });

    it("writes the Markdown report: summary, time to recover against the target, a timeline row per step and the evidence", async () => {
        await drill({ holdSeconds: 5 });
        const markdown = fs.readFileSync(path.join(h.dir, "report", REPORT_MARKDOWN), "utf8");
        assert.match(markdown, /^# DR drill on `staging`: passed$/m);
        assert.match(markdown, /^\| time to recover \| 0\.0 s \(target 300 s: within target\) \|$/m);
        assert.match(markdown, /^\| hold on the standby \| 5 s \|$/m);
        for (const name of DRILL_STEPS) {
            assert.match(markdown, new RegExp(`^\\| ${name} \\| \\d{4}-\\d\\d-\\d\\dT[^|]+\\| \\+\\d+\\.\\d s \\| \\d+\\.\\d s \\| passed \\|`, "m"), name);
        }
        assert.match(markdown, /^### verify-failover$/m);
        assert.match(markdown, /^\| dns \| app\.staging\.example\.com A @127\.0\.0\.1:\d+ \| healthy \| resolves to 127\.0\.0\.3 \(linode: 127\.0\.0\.3\) \|/m);
    });

    it("refuses a production stack unless allowed, before changing anything", async () => {
        const prod = FakeStack.fromStackFile("prod", estate.outputs());
        const ctx = { ...h.ctx, stack: prod };
        await assert.rejects(
            runDrill(ctx, { allowProd: false, reportDir: path.join(h.dir, "prod"), verify: { probeEnv: estate.probeEnv, resolve: async () => ({ ok: false, detail: "unused", server: "-" }) } }),
            (err: Error) => err instanceof BadInputError && /refusing to drill the production stack "prod" without --allow-prod/.test(err.message),
        );
        assert.deepStrictEqual(prod.calls.filter((c) => !["getAllConfig", "outputs"].includes(c)), [], "read only");
        assert.ok(!fs.existsSync(path.join(h.dir, "prod")));
    });
});
