import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { ReplicatedDynamo, startReplicatedDynamo } from "../support/replicatedDynamo";
import { E2eEstate, startE2eEstate } from "./e2eEstate";

const WEST = "us-west-2";
const EAST = "us-east-2";
const FENCE_KEY = { pk: { S: "dr-fence" }, sk: { S: "dr-fence" } };

/**
 * The fenced switch end to end: the real CLI (in process) on the stub pulumi, with one dynalite per table region
 * and the test replicator between them (a stand-in for global-table replication), so the fence really has to
 * travel from the old write region to the new one.
 */
describe("fenced switchover through the CLI (stub pulumi, one dynalite per region, test replicator)", () => {
    let estate: E2eEstate;
    let dynamo: ReplicatedDynamo;
    const S = ["--stack", "staging"];
    const dr = (args: string[]) => estate.drInProcess(args, { MULTICLOUD_DR_DYNAMODB_ENDPOINT: dynamo.endpoints });
    const setTable = (fields: Record<string, unknown>) =>
        estate.stub.update("staging", (s) => {
            s.config["multicloud-dr:table"].value = JSON.stringify({ ...JSON.parse(s.config["multicloud-dr:table"].value), ...fields });
        });
    const pastCooldown = () => estate.stub.update("staging", (s) => delete s.config["multicloud-dr:lastFlip"]);
    const fenceEpochIn = async (region: string) =>
        (await dynamo.client(region).send(new GetItemCommand({ TableName: "dr-app-staging", Key: FENCE_KEY, ConsistentRead: true }))).Item?.epoch?.N;

    before(async () => {
        estate = await startE2eEstate();
        dynamo = await startReplicatedDynamo({ regions: ["us-east-1", WEST, EAST], tableName: "dr-app-staging", canary: { pk: "dr-canary", sk: "dr-canary" } });
        setTable({ maxReplicationLagSeconds: 0.6, replicationPollMs: 20 });
    });
    after(async () => {
        await dynamo.close();
        await estate.close();
    });
    afterEach(() => {
        dynamo.resume();
        dynamo.lagMs = 0;
    });

    it("with replication paused past the bound: fence-timeout, exit 4, config unchanged, audited, nothing published", async () => {
        const config = JSON.stringify(estate.stub.stack("staging").config);
        const deployed = JSON.stringify(estate.stub.stack("staging").deployed);
        dynamo.pause();
        const { code, stderr } = await dr(["failover", ...S, "--to", "linode", "--reason", "gcp outage", "--yes"]);
        assert.strictEqual(code, 4);
        assert.match(stderr, /fence: writing epoch 1 in us-west-2, waiting up to 0.6s for it in us-east-2/);
        assert.match(stderr, /^error: fence-timeout: the fence \(epoch 1\) written in us-west-2 did not arrive in us-east-2 within 0.6s .*replication is behind or paused; nothing was published; .*; config restored$/m);
        assert.strictEqual(JSON.stringify(estate.stub.stack("staging").config), config);
        assert.strictEqual(JSON.stringify(estate.stub.stack("staging").deployed), deployed);
        const entry = estate.audit().pop()!;
        assert.deepStrictEqual([entry.outcome, entry.data, await fenceEpochIn(WEST), await fenceEpochIn(EAST)], ["fence-timeout", { fromRegion: WEST, toRegion: EAST, epoch: 1, consistency: "eventual" }, "1", undefined]);
        // The refused epoch was never published: config has no dataEpoch again, so the next attempt fences with 1 again.
        assert.strictEqual(estate.config("dataEpoch"), undefined);
        assert.strictEqual(estate.stub.stack("staging").history.length, 0, "no update ran");
    });

    it("under normal lag the fence arrives, then the update publishes the new write region: switch-data moves only it", async () => {
        pastCooldown();
        dynamo.lagMs = 100;
        const { code, stdout, stderr } = await dr(["switch-data", ...S, "--to", "linode", "--reason", "move writes before traffic", "--yes"]);
        assert.strictEqual(code, 0, stderr);
        assert.strictEqual(stdout.trim(), "dataSite is now linode on stack staging; writes go to us-east-2 (epoch 1)");
        assert.deepStrictEqual([estate.deployed("activeSite"), estate.deployed("dataSite"), estate.deployed("dataEpoch")], ["gcp", "linode", "1"]);
        const fence = estate.audit().pop()!.rules.find((r) => r.rule === "fence")!;
        assert.ok(fence.ok && /was read in us-east-2 after 0\.[1-5]\d*s \(bound 0.6s\)$/.test(fence.message), fence.message);
        assert.deepStrictEqual([await fenceEpochIn(WEST), await fenceEpochIn(EAST)], ["1", "1"]);
        const { code: again, stdout: nothing } = await dr(["switch-data", ...S, "--to", "linode", "--reason", "again", "--yes"]);
        assert.deepStrictEqual([again, nothing.trim()], [0, "dataSite is already linode on stack staging: nothing to do"]);
    });

    it("status --json reports the data site, epoch and each region's replication lag", async () => {
        dynamo.lagMs = 80;
        const { stdout, stderr } = await dr(["status", ...S, "--json"]);
        const report = JSON.parse(stdout);
        assert.deepStrictEqual(report.data, { dataSite: "linode", writeRegion: EAST, epoch: 1 }, stderr);
        assert.deepStrictEqual(report.replication.regions.map((r: { region: string; status: string }) => [r.region, r.status]), [["us-east-1", "seen"], [WEST, "seen"]]);
        for (const region of report.replication.regions) {
            assert.ok(region.lagSeconds >= 0.08 && region.lagSeconds < 0.6, JSON.stringify(region));
        }
        const text = await dr(["status", ...S]);
        assert.match(text.stdout, /^replication from us-east-2 \(canary, consistent reads every 0.02s, bound 0.6s\): us-east-1 0\.\d\ds, us-west-2 0\.\d\ds$/m);
    });

    it("run-plan's switch-data step is the fenced switch: a fence timeout halts the plan (exit 4), the rerun resumes and publishes", async () => {
        pastCooldown();
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-plan-fence-"));
        const plan = path.join(dir, "data-home.yaml");
        fs.writeFileSync(
            plan,
            ["version: 1", "name: data-home", "stacks:", "  - name: staging", "steps:", "  - name: go", "    kind: approval", "  - name: data", "    kind: switch-data", "    to: gcp", ""].join("\n"),
        );
        const run = () => dr(["run-plan", plan, "--reason", "writes back home", "--yes", "--report-dir", dir]);
        dynamo.pause();
        const halted = await run();
        assert.strictEqual(halted.code, 4, halted.stderr);
        assert.match(halted.stderr, /fence-timeout: the fence \(epoch 2\) written in us-east-2 did not arrive in us-west-2/);
        assert.deepStrictEqual([estate.config("dataSite"), estate.deployed("dataSite"), estate.deployed("dataEpoch")], ["linode", "linode", "1"]);
        dynamo.resume();
        const resumed = await run();
        assert.strictEqual(resumed.code, 0, resumed.stderr);
        assert.deepStrictEqual([estate.deployed("dataSite"), estate.deployed("dataEpoch"), estate.deployed("activeSite")], ["gcp", "2", "gcp"]);
        const [refused, done] = estate.audit().filter((e) => e.action === "switch-data").slice(-2);
        assert.deepStrictEqual([refused.outcome, done.outcome, done.reason], ["fence-timeout", "succeeded", "writes back home [plan data-home, step data]"]);
        assert.ok(done.rules.find((r) => r.rule === "fence")?.ok);
        assert.deepStrictEqual([await fenceEpochIn(EAST), await fenceEpochIn(WEST)], ["2", "2"]);
    });
});
