import * as assert from "assert";
import { E2eEstate, startE2eEstate } from "./e2eEstate";

/** End to end: bin/multicloud-dr as a child process (and in-process for refusals), on a stub pulumi, local health servers and dynalite. */
describe("failover CLI end to end (child process, stub pulumi, local servers, dynalite)", () => {
    let estate: E2eEstate;
    before(async () => {
        estate = await startE2eEstate();
    });
    after(() => estate.close());

    it("status --json reports both sites and every probe", async () => {
        const { code, stdout } = await estate.dr(["status", "--stack", "staging", "--json"]);
        const report = JSON.parse(stdout);
        assert.strictEqual(code, 0);
        assert.deepStrictEqual([report.activeSite, report.sites.gcp.healthy, report.sites.linode.healthy], ["gcp", true, true]);
        const statuses = Object.fromEntries(report.probes.map((p: { name: string; status: string }) => [p.name, p.status]));
        assert.deepStrictEqual(statuses, {
            "endpoint:gcp": "healthy",
            "endpoint:linode:us-east": "healthy",
            "endpoint:linode:us-central": "unhealthy",
            "dynamodb:gcp": "healthy",
            "dynamodb:linode": "healthy",
            "app-hostname": "error",
        });
    });

    it("failover --to linode flips after probing, streams the update and writes the audit entry", async () => {
        estate.stub.clearCalls();
        const { code, stdout, stderr } = await estate.dr(["failover", "--stack", "staging", "--to", "linode", "--reason", "gcp outage INC-7", "--yes"]);
        assert.strictEqual(code, 0, stderr);
        assert.strictEqual(stdout.trim(), "activeSite is now linode on stack staging; writes go to us-east-2 (epoch 1)");
        assert.match(stderr, /Updating \(staging\)/);
        assert.deepStrictEqual([estate.config("activeSite"), estate.deployed("activeSite")], ["linode", "linode"]);
        const [entry] = estate.audit();
        assert.deepStrictEqual([entry.who, entry.from, entry.to, entry.reason, entry.outcome], ["oncall-bot", "gcp", "linode", "gcp outage INC-7", "succeeded"]);
        assert.strictEqual(estate.stub.stack("staging").history[0].message, `multicloud-dr failover: activeSite gcp -> linode by oncall-bot: gcp outage INC-7\naudit id: ${entry.id}`);
        assert.strictEqual(JSON.parse(estate.config("lastFlip")!).outcome, "succeeded");
    });

    it("a second flip inside the cooldown is refused with exit 4 and no config change (in-process)", async () => {
        estate.stub.clearCalls();
        const { code, stderr } = await estate.drInProcess(["failover", "--stack", "staging", "--to", "gcp", "--reason", "flap", "--yes"]);
        assert.strictEqual(code, 4);
        assert.match(stderr, /^error: refused: cooldown: the last flip was \d+s ago/m);
        assert.deepStrictEqual(estate.configWrites(), []);
    });

    it("moving the Linode site to an unhealthy region is refused with exit 4 (in-process)", async () => {
        // Past the cooldown: the operator cleared the last flip.
        estate.stub.update("staging", (s) => delete s.config["multicloud-dr:lastFlip"]);
        estate.stub.clearCalls();
        const { code, stderr } = await estate.drInProcess(["move-linode", "--stack", "staging", "--to", "us-central", "--reason", "us-east degraded", "--yes"]);
        assert.strictEqual(code, 4);
        assert.match(stderr, /refused: us-central is unhealthy: endpoint:linode:us-central: HTTP 500/);
        assert.deepStrictEqual(estate.configWrites(), []);
        assert.strictEqual(estate.audit().pop()!.outcome, "refused");
    });

    it("a locked stack gives exit 3 and leaves config as it was (in-process)", async () => {
        const before = JSON.stringify(estate.stub.stack("staging").config);
        const { code, stderr } = await estate.drInProcess(["failover", "--stack", "staging", "--to", "gcp", "--reason", "drill", "--yes"], { STUB_PULUMI_FAIL: "preview=locked" });
        assert.strictEqual(code, 3);
        assert.match(stderr, /being updated by someone else \(or is locked\).*config restored/);
        assert.strictEqual(JSON.stringify(estate.stub.stack("staging").config), before);
    });

    it("an unknown stack is one line and exit 2 (in-process)", async () => {
        const { code, stderr } = await estate.drInProcess(["status", "--stack", "nope"]);
        assert.strictEqual(code, 2);
        assert.strictEqual(stderr.trim(), `error: unknown stack "nope": no stack named 'nope' found`);
    });
});
