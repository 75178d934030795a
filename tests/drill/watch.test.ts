import * as assert from "assert";
import { readAuditLog } from "../../automation/audit";
import { EXIT } from "../../topology";
import { DrNotification } from "../../automation/notify";
import { watch, WatchEvent } from "../../automation/watch";
import { FAILING, HEALTHY, harness, Harness, LocalEstate, startLocalEstate } from "./estate";

/** staging: watchIntervalSeconds 10, watchFailureThreshold 3, failbackWindowSeconds 300, cooldown 300. */
const INTERVAL_MS = 10_000;
const THRESHOLD = 3;

describe("watch (fake stack, local endpoints whose health the test switches, fake clock)", () => {
    let estate: LocalEstate;
    let h: Harness;
    let notes: DrNotification[];

    before(async () => {
        estate = await startLocalEstate();
    });
    after(() => estate.close());
    beforeEach(() => {
        estate.reset();
        notes = [];
        h = harness(estate, { notify: async (n) => void notes.push(n) });
    });
    afterEach(() => h.cleanup());

    const events = (data: Record<string, unknown>) => data.events as WatchEvent[];
    const offset = (iso: string) => (Date.parse(iso) - h.clock.start) / 1000;
    const configWrites = () => h.stack.calls.filter((c) => c.startsWith("setConfig") || c.startsWith("removeConfig"));

    for (const failsAtMs of [20_001, 25_000, 29_999, 30_000]) {
        it(`detects a failure starting at +${failsAtMs / 1000}s within interval x threshold (tolerance: one interval), and only alerts`, async () => {
            h.clock.at(failsAtMs, () => (estate.gcp.behaviour = { ...FAILING }));
            const result = await watch(h.ctx, { auto: false, maxRounds: 8 });
            const alert = events(result.data).find((e) => e.kind === "alert") ?? assert.fail("no alert");
            const detectedAt = offset(alert.at);
            const detectionSeconds = detectedAt - failsAtMs / 1000;
            // Rounds every 10 s: the first failing round comes within one interval of the failure, then 2 more rounds.
            assert.ok(Math.abs(detectionSeconds - (INTERVAL_MS * THRESHOLD) / 1000) <= INTERVAL_MS / 1000, `detected after ${detectionSeconds}s`);
            // Exactly interval x threshold after the last round that saw the site healthy.
            const lastHealthyRound = Math.floor((failsAtMs - 1) / INTERVAL_MS) * INTERVAL_MS;
            assert.strictEqual(detectedAt - lastHealthyRound / 1000, 30);
            assert.strictEqual(offset(alert.firstFailureAt ?? assert.fail("no streak start")), detectedAt - 20);
            assert.match(alert.message, /^ALERT: gcp failed 3 consecutive rounds and linode is healthy: fail over with `failover --stack staging --to linode/);
            assert.strictEqual(result.exitCode, EXIT.FAILED);
            assert.deepStrictEqual(configWrites(), [], "without --auto nothing changes");
            // Round 1 (healthy) resolves any page another process left open: pager only (tests/watch/resolveGap.test.ts).
            assert.deepStrictEqual(notes.map((n) => [n.kind, n.severity]), [["all-clear", "info"], ["alert", "critical"]], "one alert per incident");
        });
    }

    it("an endpoint alternating between healthy and failing every round causes no flip and no alert, even with --auto", async () => {
        h.clock.afterSleep = () => (estate.gcp.behaviour = estate.gcp.behaviour.status === 200 ? { ...FAILING } : { ...HEALTHY });
        const result = await watch(h.ctx, { auto: true, maxRounds: 20 });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        assert.deepStrictEqual([...new Set(events(result.data).map((e) => e.kind))], ["all-clear", "degraded"]);
        assert.strictEqual(events(result.data).filter((e) => e.kind === "degraded").length, 10);
        assert.deepStrictEqual(configWrites(), []);
        assert.deepStrictEqual(notes.map((n) => n.kind), ["all-clear"], "the first round's all-clear only: no alert");
    });

    it("with --auto fails over through the flip operation after the threshold, then never fails back but reports when it could", async () => {
        h.clock.at(5_000, () => (estate.gcp.behaviour = { ...FAILING }));
        h.clock.at(100_000, () => (estate.gcp.behaviour = { ...HEALTHY }));
        const result = await watch(h.ctx, { auto: true, maxRounds: 45 });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        const list = events(result.data);
        const failover = list.find((e) => e.kind === "failover") ?? assert.fail("no failover");
        assert.strictEqual(offset(failover.at), 30, "failing rounds at 10, 20, 30 s");
        assert.match(list.find((e) => e.kind === "failover-result")?.message ?? "", /^failed over to linode: activeSite is now linode/);
        assert.deepStrictEqual([h.stack.value("activeSite"), h.stack.deployed["multicloud-dr:activeSite"]], ["linode", "linode"]);
        const [entry, ...more] = readAuditLog(h.auditLog);
        assert.deepStrictEqual([entry.action, entry.outcome, more.length], ["failover", "succeeded", 0], "one flip, no failback");
        assert.match(entry.reason, /^watch: gcp failed 3 consecutive probe rounds every 10s \(gcp is unhealthy: endpoint:gcp: HTTP 503\)$/);
        // gcp healthy from the round at 100 s; the 300 s window is covered at 400 s.
        const possible = list.filter((e) => e.kind === "failback-possible");
        assert.deepStrictEqual(possible.map((e) => offset(e.at)), [400]);
        assert.match(possible[0].message, /^failback possible: gcp has been healthy for 300s \(window 300s\); run `failback --stack staging` when ready$/);
        // The failover is announced by the flip operation (through the same notifier), the failback possibility by the watch.
        // The all-clears (round 1, first round on linode) only resolve a page.
        assert.deepStrictEqual(notes.map((n) => n.kind), ["all-clear", "failover", "all-clear", "failback-possible"]);
    });

    it("alerts instead of failing over when the standby is unhealthy too", async () => {
        estate.gcp.behaviour = { ...FAILING };
        estate.usEast.behaviour = { ...FAILING };
        const result = await watch(h.ctx, { auto: true, maxRounds: 5 });
        assert.strictEqual(result.exitCode, EXIT.FAILED);
        const alerts = events(result.data).filter((e) => e.kind === "alert");
        assert.strictEqual(alerts.length, 1);
        assert.match(alerts[0].message, /the standby linode is unhealthy too .*no failover possible/);
        assert.deepStrictEqual(configWrites(), []);
    });

    it("rounds after the alert say the site is still failing, never \"4 of 3\"; counts are spelled out", async () => {
        estate.gcp.behaviour = { ...FAILING };
        estate.usEast.behaviour = { ...FAILING };
        const result = await watch(h.ctx, { auto: false, maxRounds: 5 });
        const degraded = events(result.data).filter((e) => e.kind === "degraded").map((e) => e.message.split(":")[0]);
        assert.deepStrictEqual(degraded, [
            "gcp failing for 1 round (acting after 3)",
            "gcp failing for 2 rounds (acting after 3)",
            "gcp still failing after 4 rounds (threshold 3 reached)",
            "gcp still failing after 5 rounds (threshold 3 reached)",
        ]);
        assert.match(result.message, /^watch staging: 5 rounds; ALERT: /);
    });

    it("when a safety rule refuses the automatic failover (cooldown), it alerts with the refusal and changes nothing", async () => {
        const recent = new Date(h.clock.now() - 60_000).toISOString();
        h.stack.config["multicloud-dr:lastFlip"] = { value: JSON.stringify({ at: recent, outcome: "succeeded", action: "failback" }), secret: false };
        estate.gcp.behaviour = { ...FAILING };
        const result = await watch(h.ctx, { auto: true, maxRounds: 4 });
        assert.strictEqual(result.exitCode, EXIT.FAILED);
        const refusal = events(result.data).find((e) => e.kind === "failover-result") ?? assert.fail("no failover attempt");
        assert.strictEqual(refusal.exitCode, EXIT.REFUSED);
        assert.match(refusal.message, /^ALERT: the automatic failover to linode did not happen: refused: cooldown/);
        assert.strictEqual(h.stack.value("activeSite"), "gcp");
        assert.deepStrictEqual(notes.map((n) => n.kind), ["alert"]);
    });

    it("takes interval and threshold from flags over config", async () => {
        estate.gcp.behaviour = { ...FAILING };
        const result = await watch(h.ctx, { auto: false, maxRounds: 6, intervalSeconds: 7, threshold: 5 });
        const alert = events(result.data).find((e) => e.kind === "alert") ?? assert.fail("no alert");
        assert.strictEqual(offset(alert.at), 28, "the 5th round, 7 s apart");
        assert.deepStrictEqual([result.data.intervalSeconds, result.data.threshold], [7, 5]);
    });
});
