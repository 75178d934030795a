import * as assert from "assert";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { FakeClock, systemClock } from "../../automation/clock";
import { planDataMove } from "../../automation/fence/dataMove";
import { runFence } from "../../automation/fence/fence";
import { markerKey } from "../../automation/fence/markers";
import { dynamoRegionalTable, RegionalTable } from "../../automation/fence/regionalTable";
import { parseDynamodbEndpoints } from "../../automation/probes/dynamoEndpoints";
import { measureReplication } from "../../automation/probes/replication";
import { estateOutputs } from "../../automation/stackState";
import { parseDrConfig, rawConfigOf, readStackConfig, withOverrides } from "../../topology";
import { ReplicatedDynamo, startReplicatedDynamo } from "../support/replicatedDynamo";

const TABLE = "dr-app-staging";
const WEST = "us-west-2";
const EAST = "us-east-2";
const cfgWith = (overrides: Record<string, string> = {}) => parseDrConfig(rawConfigOf(withOverrides(readStackConfig("staging").values, overrides)));
const staging = cfgWith();
const FENCE_KEY = markerKey(staging, "fence");

describe("the fenced data switch (pure decisions)", () => {
    const outputs = (extra: Record<string, unknown> = {}) => estateOutputs({ activeSite: "gcp", writeRegions: { gcp: WEST, linode: EAST }, ...extra });

    it("a failover that moves the write region raises the epoch above both config and deployed, and moves nothing else", () => {
        const move = planDataMove({ cfg: cfgWith({ dataEpoch: "3" }), outputs: outputs({ epoch: 5 }) }, "activeSite", "linode");
        assert.deepStrictEqual(move, { fromRegion: WEST, toRegion: EAST, moves: true, epoch: 6, changes: { dataEpoch: "6" }, consistency: "eventual" });
    });

    it("a failover keeps data with traffic when dataSite is set, and leaves it alone when it is not", () => {
        const set = planDataMove({ cfg: cfgWith({ dataSite: "gcp" }), outputs: outputs({ dataSite: "gcp" }) }, "activeSite", "linode");
        assert.deepStrictEqual(set.changes, { dataSite: "linode", dataEpoch: "1" });
        const unset = planDataMove({ cfg: staging, outputs: outputs() }, "activeSite", "linode");
        assert.deepStrictEqual(unset.changes, { dataEpoch: "1" });
    });

    it("switch-data moves only the data site; linode-region and a flip between sites sharing a write region do not fence", () => {
        assert.deepStrictEqual(planDataMove({ cfg: staging, outputs: outputs() }, "dataSite", "linode").changes, { dataSite: "linode", dataEpoch: "1" });
        const region = planDataMove({ cfg: staging, outputs: outputs() }, "linodeActiveRegion", "us-central");
        assert.deepStrictEqual([region.moves, region.changes], [false, {}]);
        const shared = cfgWith({ "writeRegions.linode": WEST });
        const same = planDataMove({ cfg: shared, outputs: outputs({ writeRegions: { gcp: WEST, linode: WEST } }) }, "activeSite", "linode");
        assert.deepStrictEqual([same.moves, same.changes], [false, {}]);
    });

    it("parses --dynamodb-endpoint as one URL or region=url pairs, and names a bad pair", () => {
        assert.deepStrictEqual(parseDynamodbEndpoints("http://127.0.0.1:4567"), { dynamodbEndpoint: "http://127.0.0.1:4567" });
        assert.deepStrictEqual(parseDynamodbEndpoints(`${WEST}=http://127.0.0.1:1, ${EAST}=http://127.0.0.1:2`), { dynamodbEndpoints: { [WEST]: "http://127.0.0.1:1", [EAST]: "http://127.0.0.1:2" } });
        assert.throws(() => parseDynamodbEndpoints("west=http://127.0.0.1:1"), /"west=http:\/\/127.0.0.1:1" must be region=url/);
        assert.throws(() => parseDynamodbEndpoints(`${WEST}=ftp://x`), /must be an http\(s\) URL/);
        assert.throws(() => parseDynamodbEndpoints(`${WEST}=http://a:1,${WEST}=http://a:2`), /names us-west-2 more than once/);
    });
});

describe("fence and replication measurement on replicating dynalite servers (test replicator)", () => {
    let dynamo: ReplicatedDynamo;
    let table: RegionalTable;
    const POLL = 20;
    before(async () => {
        dynamo = await startReplicatedDynamo({ regions: [WEST, EAST, "us-east-1"], tableName: TABLE });
        table = dynamoRegionalTable({ tableName: TABLE, endpoints: parseDynamodbEndpoints(dynamo.endpoints), scope: { allowRemote: false }, timeoutMs: 2000 });
    });
    after(async () => {
        table.close();
        await dynamo.close();
    });
    afterEach(() => {
        dynamo.resume();
        dynamo.lagMs = 0;
    });

    it("the fence arrives under normal lag: read back in the new region after the lag, within one poll", async () => {
        dynamo.lagMs = 120;
        const outcome = await runFence(table, systemClock, { key: FENCE_KEY, epoch: 1, fromRegion: WEST, toRegion: EAST, maxLagMs: 2000, pollMs: POLL });
        assert.strictEqual(outcome.kind, "arrived");
        const waited = (outcome as { waitedMs: number }).waitedMs;
        // Real clock: a read's own time adds to the poll on a loaded machine; the fake-clock cases pin exact figures.
        assert.ok(waited >= 120 && waited <= 120 + POLL + 250, `waited ${waited} ms for a 120 ms lag`);
    });

    it("times out when replication is paused past the bound, and the new region never saw the fence", async () => {
        dynamo.pause();
        const started = Date.now();
        const outcome = await runFence(table, systemClock, { key: FENCE_KEY, epoch: 2, fromRegion: WEST, toRegion: EAST, maxLagMs: 150, pollMs: POLL });
        assert.strictEqual(outcome.kind, "timeout");
        assert.strictEqual((outcome as { seenEpoch?: number }).seenEpoch, 1);
        assert.ok(Date.now() - started >= 150);
        const east = await dynamo.client(EAST).send(new GetItemCommand({ TableName: TABLE, Key: FENCE_KEY, ConsistentRead: true }));
        assert.strictEqual(east.Item?.epoch?.N, "1");
    });

    it("refuses an older fence over a newer one (a real conditional write): superseded", async () => {
        await dynamo.client(WEST).send(new PutItemCommand({ TableName: TABLE, Item: { ...FENCE_KEY, epoch: { N: "9" } } }));
        const outcome = await runFence(table, systemClock, { key: FENCE_KEY, epoch: 4, fromRegion: WEST, toRegion: EAST, maxLagMs: 100, pollMs: POLL });
        assert.deepStrictEqual(outcome, { kind: "superseded" });
        const west = await dynamo.client(WEST).send(new GetItemCommand({ TableName: TABLE, Key: FENCE_KEY, ConsistentRead: true }));
        assert.strictEqual(west.Item?.epoch?.N, "9");
    });

    it("measures each region's lag to within one poll interval, and says which region did not see the canary", async () => {
        dynamo.lagMs = 200;
        const m = await measureReplication(table, systemClock, { key: markerKey(staging, "replication"), writeRegion: WEST, regions: [EAST, "us-east-1"], boundSeconds: 2, pollMs: POLL });
        assert.deepStrictEqual(m.regions.map((r) => r.status), ["seen", "seen"]);
        for (const r of m.regions) {
            // On the real clock a read's own time adds to the poll (a loaded CI machine takes tens of ms per request); the
            // fake-clock case below pins the figure exactly.
            assert.ok(r.lagSeconds! >= 0.2 && r.lagSeconds! <= 0.2 + POLL / 1000 + 0.25, `${r.region}: ${r.lagSeconds}s`);
        }
        dynamo.pause();
        const paused = await measureReplication(table, systemClock, { key: markerKey(staging, "replication"), writeRegion: WEST, regions: [EAST], boundSeconds: 0.1, pollMs: POLL });
        assert.deepStrictEqual([paused.regions[0].status, paused.maxLagSeconds], ["not-seen", undefined]);
    });
});

describe("replication measured on a fake clock (the replicator follows the same clock)", () => {
    it("a 500 ms lag reads as 0.5 s with a 100 ms poll (a poll lands on the lag), whatever the machine's speed", async () => {
        const clock = new FakeClock();
        const dynamo = await startReplicatedDynamo({ regions: [WEST, EAST], tableName: TABLE, lagMs: 500, now: () => clock.now() });
        const table = dynamoRegionalTable({ tableName: TABLE, endpoints: parseDynamodbEndpoints(dynamo.endpoints), scope: { allowRemote: false }, timeoutMs: 2000 });
        try {
            const m = await measureReplication(table, clock, { key: markerKey(staging, "replication"), writeRegion: WEST, regions: [EAST], boundSeconds: 10, pollMs: 100 });
            assert.strictEqual(m.regions[0].lagSeconds, 0.5);
            assert.strictEqual(m.maxLagSeconds, 0.5);
        } finally {
            table.close();
            await dynamo.close();
        }
    });
});
