import * as assert from "assert";
import { E2eEstate, startE2eEstate } from "./e2eEstate";

/** A failed `up` leaves config at the target (exit 5); re-running the same command converges. Separate file: it runs in its own worker. */
describe("failover CLI end to end: a failed update", () => {
    let estate: E2eEstate;
    before(async () => {
        estate = await startE2eEstate();
        estate.settle("linode");
    });
    after(() => estate.close());

    it("a failed up exits 5 with config at the target; re-running converges", async () => {
        const failed = await estate.dr(["failover", "--stack", "staging", "--to", "gcp", "--reason", "gcp is back", "--yes", "--force"], { STUB_PULUMI_FAIL: "up=failed" });
        assert.strictEqual(failed.code, 5);
        assert.match(failed.stderr, /update failed.*Config is left at activeSite=gcp; re-run the same command to converge/);
        assert.deepStrictEqual([estate.config("activeSite"), estate.deployed("activeSite")], ["gcp", "linode"]);
        const rerun = await estate.dr(["failover", "--stack", "staging", "--to", "gcp", "--reason", "gcp is back", "--yes"]);
        assert.strictEqual(rerun.code, 0, rerun.stderr);
        assert.match(rerun.stderr, /resuming that flip/);
        assert.strictEqual(estate.deployed("activeSite"), "gcp");
        assert.deepStrictEqual(estate.audit().slice(-2).map((e) => e.outcome), ["up-failed", "succeeded"]);
    });
});
