import * as assert from "assert";
import { INITIAL_WATCH_STATE, nextWatchState, WatchAction, WatchObservation, WatchPolicy, WatchState } from "../../automation/watch";
import { registerSite } from "../../topology";

const POLICY: WatchPolicy = { threshold: 3, failbackWindowSeconds: 60, auto: false };
const T0 = Date.parse("2025-01-01T00:00:00Z");

/** A watch past its first healthy round: no page of another process left to resolve (tests/watch/resolveGap.test.ts covers that). */
const SETTLED: WatchState = { ...INITIAL_WATCH_STATE, foreignPageMayBeOpen: false };

/** Feeds rounds 10 s apart; returns the action kinds of each round. */
function run(rounds: Array<Partial<WatchObservation>>, policy: WatchPolicy = POLICY, start: WatchState = SETTLED): { kinds: string[][]; actions: WatchAction[][]; state: WatchState } {
    let state = start;
    const kinds: string[][] = [];
    const actions: WatchAction[][] = [];
    rounds.forEach((round, i) => {
        const seen: WatchObservation = { at: T0 + i * 10_000, activeSite: "gcp", homeSite: "gcp", activeHealthy: true, standbyHealthy: true, ...round };
        const next = nextWatchState(state, seen, policy);
        state = next.state;
        kinds.push(next.actions.map((a) => a.kind));
        actions.push(next.actions);
    });
    return { kinds, actions, state };
}

const up = { activeHealthy: true };
const down = { activeHealthy: false, activeDetail: "endpoint:gcp: HTTP 503" };

describe("watch state machine (pure)", () => {
    it("acts on exactly the threshold-th consecutive failure, not before", () => {
        const { kinds } = run([up, down, down, down]);
        assert.deepStrictEqual(kinds, [["healthy"], ["degraded"], ["degraded"], ["alert"]]);
    });

    it("alerts once per incident, not every round after the threshold", () => {
        const { kinds } = run([down, down, down, down, down]);
        assert.deepStrictEqual(kinds, [["degraded"], ["degraded"], ["alert"], ["degraded"], ["degraded"]]);
    });

    it("with a third registered site, fails over to the home site, not just any other site", () => {
        const unregister = registerSite({ id: "awsnative", description: "test", endpoints: () => ["awsnative"], activeEndpoint: () => "awsnative", componentModule: "awsnative", flipTouches: [] });
        try {
            const { actions } = run([down, down, down].map((r) => ({ ...r, activeSite: "awsnative", homeSite: "linode" })), { ...POLICY, auto: true });
            assert.deepStrictEqual(actions[2], [{ kind: "failover", from: "awsnative", to: "linode", failures: 3, detail: "endpoint:gcp: HTTP 503" }]);
        } finally {
            unregister();
        }
    });

    it("with auto, asks for a failover to the standby instead of an alert", () => {
        const { actions } = run([down, down, down], { ...POLICY, auto: true });
        assert.deepStrictEqual(actions[2], [{ kind: "failover", from: "gcp", to: "linode", failures: 3, detail: "endpoint:gcp: HTTP 503" }]);
    });

    it("never acts on an endpoint that alternates between failing and healthy", () => {
        const { kinds } = run(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? down : up)), { ...POLICY, auto: true });
        assert.ok(kinds.every((k) => k.length === 1 && ["degraded", "healthy"].includes(k[0])), JSON.stringify(kinds));
    });

    it("a single healthy round resets the count: two failures, one success, two failures is no incident", () => {
        const { kinds } = run([down, down, up, down, down], { ...POLICY, auto: true });
        assert.deepStrictEqual(kinds.flat(), ["degraded", "degraded", "healthy", "degraded", "degraded"]);
    });

    it("with the standby unhealthy too, alerts that no failover is possible and never asks for one", () => {
        const standbyDown = { ...down, standbyHealthy: false, standbyDetail: "endpoint:linode:us-east: connection refused" };
        const { actions } = run([standbyDown, standbyDown, standbyDown, standbyDown], { ...POLICY, auto: true });
        assert.deepStrictEqual(actions[2].map((a) => a.kind), ["alert"]);
        assert.match((actions[2][0] as { detail: string }).detail, /the standby linode is unhealthy too .*: no failover possible/);
        assert.deepStrictEqual(actions[3].map((a) => a.kind), ["degraded"]);
    });

    it("fails over once the standby comes back during an outage it had already alerted about", () => {
        const standbyDown = { ...down, standbyHealthy: false };
        const { kinds } = run([standbyDown, standbyDown, standbyDown, down], { ...POLICY, auto: true });
        assert.deepStrictEqual(kinds, [["degraded"], ["degraded"], ["alert"], ["failover"]]);
    });

    it("reports recovery after an incident, then counts afresh", () => {
        const { kinds } = run([down, down, down, up, down]);
        assert.deepStrictEqual(kinds, [["degraded"], ["degraded"], ["alert"], ["recovered"], ["degraded"]]);
    });

    it("starts counting afresh when the active site changes (after a failover)", () => {
        const { kinds } = run([down, down, { activeSite: "linode", ...down }, { activeSite: "linode", ...down }]);
        assert.deepStrictEqual(kinds, [["degraded"], ["degraded"], ["degraded"], ["degraded"]]);
    });

    it("away from home, reports failback possible once home has been healthy for the window, and never fails back", () => {
        const away = { activeSite: "linode" as const, homeSite: "gcp" as const, activeHealthy: true };
        // Home (the standby) healthy from round 0: the window of 60 s is covered at round 6.
        const { kinds, actions } = run(Array.from({ length: 10 }, () => away), { ...POLICY, auto: true });
        assert.deepStrictEqual(kinds.map((k) => k.includes("failback-possible")), [false, false, false, false, false, false, true, false, false, false]);
        assert.deepStrictEqual(actions[6].find((a) => a.kind === "failback-possible"), { kind: "failback-possible", home: "gcp", healthySeconds: 60 });
        assert.ok(kinds.flat().every((k) => k !== "failover"));
    });

    it("restarts the failback window when home fails in the middle of it", () => {
        const away = { activeSite: "linode" as const, homeSite: "gcp" as const, activeHealthy: true };
        const rounds = Array.from({ length: 14 }, (_, i) => ({ ...away, standbyHealthy: i !== 4 }));
        const { kinds } = run(rounds);
        // Healthy again from round 5 (50 s): 60 s later is round 11.
        assert.deepStrictEqual(kinds.map((k, i) => (k.includes("failback-possible") ? i : -1)).filter((i) => i >= 0), [11]);
    });
});
