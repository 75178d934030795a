import * as assert from "assert";
import { closedPort } from "../automation/localServers";
import { E2eEstate, startE2eEstate } from "../automation/e2eEstate";
import { PagerDutyReceiver, startPagerDutyReceiver } from "./pagerDutyReceiver";

const KEY = "R0UT1NGKEY0123456789abcdef012345";

describe("a failing pager never blocks a flip (CLI in-process, stub pulumi, local servers, dynalite)", function () {
    this.timeout(30_000);
    let estate: E2eEstate;
    let pager: PagerDutyReceiver;

    before(async () => {
        [estate, pager] = await Promise.all([startE2eEstate(), startPagerDutyReceiver()]);
    });
    after(async () => {
        await Promise.all([estate.close(), pager.close()]);
    });
    beforeEach(() => estate.settle("gcp"));

    const flip = (url: string) =>
        estate.drInProcess(["failover", "--stack", "staging", "--to", "linode", "--reason", "INC-9 gcp down", "--yes"], { MULTICLOUD_DR_PAGERDUTY_ROUTING_KEY: KEY, MULTICLOUD_DR_PAGERDUTY_URL: url });

    it("the pager answers 500: the failover succeeds (exit 0, deployed), with a WARNING and an audit line", async () => {
        pager.mode = "error";
        const run = await flip(pager.url);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual(estate.deployed("activeSite"), "linode");
        assert.deepStrictEqual(pager.events.map((e) => `${e.event_action} ${e.dedup_key}`), ["resolve multicloud-dr/staging/watch"]);
        assert.match(run.stderr, /WARNING: the failover notification to PagerDuty resolve at http:\/\/127\.0\.0\.1:\d+ failed \(HTTP 500\); the operation itself is not affected/);
        const [flipEntry, notifyEntry] = estate.audit() as unknown as Array<Record<string, unknown>>;
        assert.deepStrictEqual([flipEntry.action, flipEntry.outcome], ["failover", "succeeded"]);
        assert.deepStrictEqual([notifyEntry.action, notifyEntry.event, notifyEntry.outcome], ["notify", "failover", "failed"]);
        assert.ok(!run.stderr.includes(KEY) && !JSON.stringify(estate.audit()).includes(KEY));
    });

    it("nothing listens where the pager should be: the failover succeeds all the same", async () => {
        const run = await flip(`http://127.0.0.1:${await closedPort()}/v2/enqueue`);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual(estate.deployed("activeSite"), "linode");
        assert.match(run.stderr, /WARNING: the failover notification to PagerDuty resolve at http:\/\/127\.0\.0\.1:\d+ failed \(connection refused\)/);
    });
});
