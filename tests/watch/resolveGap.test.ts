import * as assert from "assert";
import { INITIAL_WATCH_STATE, nextWatchState, standingByState, WatchAction, WatchObservation, WatchPolicy, WatchState } from "../../automation/watch";

const POLICY: WatchPolicy = { threshold: 2, failbackWindowSeconds: 600, auto: false };
const T0 = Date.parse("2026-01-01T00:00:00Z");

type Round = Partial<WatchObservation> & { standingBy?: boolean };
const up: Round = { activeHealthy: true };
const down: Round = { activeHealthy: false, activeDetail: "endpoint:gcp: HTTP 503" };
const bothDown: Round = { ...down, standbyHealthy: false };

/** Runs rounds 10 s apart like watch.ts does: a round standing by keeps the decision's state through standingByState and discards its actions. */
function run(rounds: Round[], policy: WatchPolicy = POLICY, start: WatchState = INITIAL_WATCH_STATE): { acted: WatchAction[][]; state: WatchState } {
    let state = start;
    const acted: WatchAction[][] = [];
    rounds.forEach(({ standingBy, ...round }, i) => {
        const seen: WatchObservation = { at: T0 + i * 10_000, activeSite: "gcp", homeSite: "gcp", activeHealthy: true, standbyHealthy: true, ...round };
        const next = nextWatchState(state, seen, policy);
        state = standingBy ? standingByState(next.state) : next.state;
        acted.push(standingBy ? [] : next.actions);
    });
    return { acted, state };
}
const kinds = (acted: WatchAction[][]) => acted.map((round) => round.map((a) => a.kind).join(",") || "-");

describe("watch resolves a page another process may have left open (pure state machine)", () => {
    it("a new watch: its first healthy round says all-clear once, then plain healthy", () => {
        const { acted } = run([up, up, up]);
        assert.deepStrictEqual(kinds(acted), ["all-clear", "healthy", "healthy"]);
        assert.deepStrictEqual(acted[0][0], { kind: "all-clear", site: "gcp" });
    });

    it("a new watch that starts during an outage: all-clear only at the first healthy round, none while failing", () => {
        const { acted } = run([down, up, up]);
        assert.deepStrictEqual(kinds(acted), ["degraded", "all-clear", "healthy"]);
    });

    it("its own alert is resolved by `recovered`, never followed by an all-clear", () => {
        const { acted } = run([up, down, down, down, up, up]);
        assert.deepStrictEqual(kinds(acted), ["all-clear", "degraded", "alert", "degraded", "recovered", "healthy"]);
    });

    it("an alert raised before any healthy round stands for the page: its recovery resolves it, once", () => {
        const { acted } = run([down, down, up, up]);
        assert.deepStrictEqual(kinds(acted), ["degraded", "alert", "recovered", "healthy"]);
    });

    it("both sites down: the page is its own; `recovered` resolves it with no all-clear after", () => {
        const { acted } = run([up, bothDown, bothDown, up, up]);
        assert.deepStrictEqual(kinds(acted), ["all-clear", "degraded", "alert", "recovered", "healthy"]);
    });

    it("standing by, then taking over the lease with the estate healthy: the first acting round says all-clear (the holder may have paged)", () => {
        const sb = { standingBy: true };
        const { acted } = run([{ ...up, ...sb }, { ...down, ...sb }, { ...down, ...sb }, { ...up, ...sb }, up, up]);
        assert.deepStrictEqual(kinds(acted), ["-", "-", "-", "-", "all-clear", "healthy"]);
    });

    it("an acting watch that lost the lease and took it back says all-clear again (another holder may have paged meanwhile)", () => {
        const { acted } = run([up, up, { ...up, standingBy: true }, up, up]);
        assert.deepStrictEqual(kinds(acted), ["all-clear", "healthy", "-", "all-clear", "healthy"]);
    });

    it("taking over mid-incident: acts on the failure (its own alert), and its recovery resolves the page", () => {
        const { acted } = run([{ ...down, standingBy: true }, down, up, up]);
        assert.deepStrictEqual(kinds(acted), ["-", "alert", "recovered", "healthy"]);
    });

    it("a manual flip from elsewhere while its own alert is open: the new active site healthy resolves it, naming both sites", () => {
        const { acted, state } = run([up, down, down, { activeSite: "linode", activeHealthy: true }, { activeSite: "linode" }]);
        assert.deepStrictEqual(kinds(acted), ["all-clear", "degraded", "alert", "all-clear", "healthy"]);
        assert.deepStrictEqual(acted[3][0], { kind: "all-clear", site: "linode", previousSite: "gcp" });
        assert.strictEqual(state.incident, "none");
    });

    it("a manual flip with no incident of its own: one all-clear for the new site too (the flipper may have been paged from elsewhere)", () => {
        const { acted } = run([up, up, { activeSite: "linode" }, { activeSite: "linode" }]);
        assert.deepStrictEqual(kinds(acted), ["all-clear", "healthy", "all-clear", "healthy"]);
    });

    it("a flip to a failing site: no all-clear until it is healthy; it is counted from zero", () => {
        const linodeDown = { activeSite: "linode" as const, activeHealthy: false, activeDetail: "endpoint:linode: HTTP 503" };
        const { acted } = run([up, linodeDown, { activeSite: "linode" }], { ...POLICY, threshold: 3 });
        assert.deepStrictEqual(kinds(acted), ["all-clear", "degraded", "all-clear"]);
        assert.deepStrictEqual(acted[1][0], { kind: "degraded", failures: 1, threshold: 3, detail: "endpoint:linode: HTTP 503" });
    });

    it("with --auto: its own failover moves traffic; the first round on the new site resolves (a second resolve, dropped by PagerDuty), then quiet", () => {
        const { acted } = run([up, down, down, { activeSite: "linode" }, { activeSite: "linode" }], { ...POLICY, auto: true });
        assert.deepStrictEqual(kinds(acted), ["all-clear", "degraded", "failover", "all-clear", "healthy"]);
    });
});
