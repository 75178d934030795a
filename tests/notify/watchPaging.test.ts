import * as assert from "assert";
import { pagerDutyNotifier } from "../../automation/notify";
import { failover } from "../../automation/operations";
import { watch } from "../../automation/watch";
import { EXIT } from "../../topology";
import { FAILING, HEALTHY, harness, Harness, LocalEstate, startLocalEstate } from "../drill/estate";
import { PagerDutyReceiver, startPagerDutyReceiver } from "./pagerDutyReceiver";

/** staging: a watch round every 10 s, acting after 3 failed rounds. */
describe("watch pages through PagerDuty: every trigger has its resolve (fake stack, local endpoints, fake clock, receiver on 127.0.0.1)", () => {
    let estate: LocalEstate;
    let pager: PagerDutyReceiver;
    let h: Harness;

    before(async () => {
        [estate, pager] = await Promise.all([startLocalEstate(), startPagerDutyReceiver()]);
    });
    after(async () => {
        await Promise.all([estate.close(), pager.close()]);
    });
    beforeEach(() => {
        estate.reset();
        pager.events.length = 0;
        const log = () => undefined;
        h = harness(estate, {
            notify: pagerDutyNotifier({ routingKey: "k", url: pager.url, scope: { allowRemote: false }, log, actor: { who: "watch", host: "ci" } }),
        });
    });
    afterEach(() => h.cleanup());

    const actions = () => pager.events.map((e) => `${e.event_action} ${e.dedup_key}`);

    it("an alert triggers once per incident and `recovered` resolves the same incident", async () => {
        h.clock.at(5_000, () => (estate.gcp.behaviour = { ...FAILING }));
        h.clock.at(65_000, () => (estate.gcp.behaviour = { ...HEALTHY }));
        const result = await watch(h.ctx, { auto: false, maxRounds: 10 });
        assert.strictEqual(result.exitCode, EXIT.OK, result.message);
        // Round 1 resolves any page another process left open (dropped by PagerDuty when none is).
        assert.deepStrictEqual(actions(), ["resolve multicloud-dr/staging/watch", "trigger multicloud-dr/staging/watch", "resolve multicloud-dr/staging/watch"]);
        assert.match(pager.events[1].payload?.summary ?? "", /^multicloud-dr staging: ALERT: gcp failed 3 consecutive rounds and linode is healthy/);
        assert.deepStrictEqual(pager.open(), []);
    });

    it("both sites down: one page; the active site answering again resolves it", async () => {
        h.clock.at(5_000, () => {
            estate.gcp.behaviour = { ...FAILING };
            estate.usEast.behaviour = { ...FAILING };
        });
        h.clock.at(55_000, () => (estate.gcp.behaviour = { ...HEALTHY }));
        await watch(h.ctx, { auto: false, maxRounds: 8 });
        assert.deepStrictEqual(actions(), ["resolve multicloud-dr/staging/watch", "trigger multicloud-dr/staging/watch", "resolve multicloud-dr/staging/watch"]);
    });

    it("an alert answered by a failover: the flip that succeeded resolves the page", async () => {
        h.clock.at(5_000, () => (estate.gcp.behaviour = { ...FAILING }));
        const alerted = await watch(h.ctx, { auto: false, maxRounds: 4 });
        assert.strictEqual(alerted.exitCode, EXIT.FAILED);
        assert.deepStrictEqual(pager.open(), ["multicloud-dr/staging/watch"]);
        const flip = await failover(h.ctx, "linode", { reason: "paged: gcp down", yes: true, force: false, dryRun: false });
        assert.strictEqual(flip.exitCode, EXIT.OK, flip.message);
        assert.deepStrictEqual(actions(), ["resolve multicloud-dr/staging/watch", "trigger multicloud-dr/staging/watch", "resolve multicloud-dr/staging/watch"]);
        assert.deepStrictEqual(pager.open(), []);
    });

    it("with --auto a failover that succeeds never pages; flapping never pages", async () => {
        h.clock.at(5_000, () => (estate.gcp.behaviour = { ...FAILING }));
        await watch(h.ctx, { auto: true, maxRounds: 5 });
        // Round 1's all-clear, the flip's, and the all-clear of the first round on linode: resolves only, which
        // PagerDuty drops when nothing is open.
        assert.deepStrictEqual(actions(), ["resolve multicloud-dr/staging/watch", "resolve multicloud-dr/staging/watch", "resolve multicloud-dr/staging/watch"]);
        pager.events.length = 0;
        h.stack.deployed["multicloud-dr:activeSite"] = "gcp";
        h.clock.afterSleep = () => (estate.gcp.behaviour = estate.gcp.behaviour.status === 200 ? { ...FAILING } : { ...HEALTHY });
        await watch(h.ctx, { auto: false, maxRounds: 10 });
        assert.deepStrictEqual(actions(), ["resolve multicloud-dr/staging/watch"], "one all-clear at the first healthy round, never a trigger");
    });
});
