import * as assert from "assert";
import { dynamoRegionalTable } from "../../automation/fence/regionalTable";
import { DrNotification } from "../../automation/notify";
import { parseDynamodbEndpoints } from "../../automation/probes/dynamoEndpoints";
import { watch, WatchEvent } from "../../automation/watch";
import { ReplicatedDynamo, startReplicatedDynamo } from "../support/replicatedDynamo";
import { harness, Harness, LocalEstate, startLocalEstate } from "./estate";

/** watch's replication check against one dynalite per table region and the test replicator (a stand-in for global-table replication). */
describe("watch alerts when replication exceeds the bound (replicating dynalite servers)", () => {
    let estate: LocalEstate;
    let dynamo: ReplicatedDynamo;
    let h: Harness;
    let notes: DrNotification[];

    before(async () => {
        [estate, dynamo] = await Promise.all([startLocalEstate(), startReplicatedDynamo({ regions: ["us-east-1", "us-west-2", "us-east-2"], tableName: "dr-app-staging" })]);
    });
    after(() => Promise.all([estate.close(), dynamo.close()]));
    beforeEach(() => {
        notes = [];
        const endpoints = parseDynamodbEndpoints(dynamo.endpoints);
        h = harness(estate, {
            notify: async (n) => void notes.push(n),
            openTable: (tableName, timeoutMs) => dynamoRegionalTable({ tableName, endpoints, scope: { allowRemote: false }, timeoutMs }),
        });
        const key = "multicloud-dr:table";
        h.stack.config[key] = { value: JSON.stringify({ ...JSON.parse(h.stack.config[key].value), maxReplicationLagSeconds: 0.1, replicationPollMs: 50 }), secret: false };
    });
    afterEach(() => {
        dynamo.resume();
        h.cleanup();
    });

    const replicationEvents = (data: Record<string, unknown>) => (data.events as WatchEvent[]).filter((e) => e.kind === "replication");

    it("replication paused: one alert per lagging region, not one per round, and a webhook alert each", async () => {
        dynamo.pause();
        const result = await watch(h.ctx, { auto: false, maxRounds: 6 });
        const events = replicationEvents(result.data);
        assert.deepStrictEqual(
            events.map((e) => e.message.replace(/\(.*\)/, "(...)")),
            ["us-east-1", "us-east-2"].map((region) => `ALERT: replication from us-west-2 to ${region} exceeds the bound: not seen within 0.1s (...); a switch of the write region would be refused by its fence`),
        );
        assert.deepStrictEqual(notes.filter((n) => n.title.includes("replication")).map((n) => [n.kind, n.severity]), [["alert", "warning"], ["alert", "warning"]]);
    });

    it("replication within the bound: no alert", async () => {
        const result = await watch(h.ctx, { auto: false, maxRounds: 3 });
        assert.deepStrictEqual(replicationEvents(result.data), []);
    });
});
