import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { fencedPut, fencedUpdate, parsePublished, readPublishedFile, StaleEpochError } from "../../client/fencedWrite";
import { createTable, LocalDynamo, startDynalite } from "../automation/localServers";
import { ReplicatedDynamo, startReplicatedDynamo } from "../support/replicatedDynamo";

const TABLE = "orders";
const key = (id: string) => ({ pk: { S: id }, sk: { S: "v" } });

describe("fenced writes (client/fencedWrite.ts) against dynalite's real conditional writes", () => {
    let dynamo: LocalDynamo;
    before(async () => {
        dynamo = await startDynalite();
        await createTable(dynamo, TABLE);
    });
    after(() => dynamo.close());
    const read = async (id: string) => (await dynamo.client("us-east-1").send(new GetItemCommand({ TableName: TABLE, Key: key(id), ConsistentRead: true }))).Item;

    it("rejects a write stamped with an older epoch than the item's: StaleEpochError, item unchanged", async () => {
        const client = dynamo.client("us-east-1");
        await fencedPut(client, { TableName: TABLE, Item: { ...key("a"), total: { N: "10" } } }, 3);
        await assert.rejects(fencedPut(client, { TableName: TABLE, Item: { ...key("a"), total: { N: "99" } } }, 2), (err: Error) => err instanceof StaleEpochError && /stale epoch 2/.test(err.message));
        assert.deepStrictEqual([(await read("a"))?.total?.N, (await read("a"))?.epoch?.N], ["10", "3"]);
    });

    it("accepts a new item, the same epoch and a newer one; an unfenced item takes any epoch", async () => {
        const client = dynamo.client("us-east-1");
        await fencedPut(client, { TableName: TABLE, Item: { ...key("b"), n: { N: "1" } } }, 4);
        await fencedPut(client, { TableName: TABLE, Item: { ...key("b"), n: { N: "2" } } }, 4);
        await fencedPut(client, { TableName: TABLE, Item: { ...key("b"), n: { N: "3" } } }, 5);
        await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key("c"), legacy: { BOOL: true } } }));
        await fencedPut(client, { TableName: TABLE, Item: { ...key("c"), n: { N: "1" } } }, 0);
        assert.deepStrictEqual([(await read("b"))?.n?.N, (await read("b"))?.epoch?.N, (await read("c"))?.epoch?.N], ["3", "5", "0"]);
    });

    it("keeps the caller's own condition: its failure is the SDK's error, not a stale epoch", async () => {
        const client = dynamo.client("us-east-1");
        await fencedPut(client, { TableName: TABLE, Item: { ...key("d"), n: { N: "1" } } }, 1);
        await assert.rejects(
            fencedPut(client, { TableName: TABLE, Item: { ...key("d"), n: { N: "2" } }, ConditionExpression: "attribute_not_exists(pk)" }, 1),
            (err: Error) => err.name === "ConditionalCheckFailedException" && !(err instanceof StaleEpochError),
        );
    });

    it("fencedUpdate sets the epoch with the caller's update and refuses an older epoch", async () => {
        const client = dynamo.client("us-east-1");
        await fencedUpdate(client, { TableName: TABLE, Key: key("e"), UpdateExpression: "SET #t = :t", ExpressionAttributeNames: { "#t": "total" }, ExpressionAttributeValues: { ":t": { N: "5" } } }, 2);
        assert.deepStrictEqual([(await read("e"))?.total?.N, (await read("e"))?.epoch?.N], ["5", "2"]);
        await assert.rejects(fencedUpdate(client, { TableName: TABLE, Key: key("e"), UpdateExpression: "ADD #t :t", ExpressionAttributeNames: { "#t": "total" }, ExpressionAttributeValues: { ":t": { N: "1" } } }, 1), StaleEpochError);
        assert.strictEqual((await read("e"))?.total?.N, "5");
    });

    it("reads the published write region and epoch from the site agent's file, refusing an unusable one", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dr-fenced-"));
        try {
            const file = path.join(dir, "active-site.json");
            fs.writeFileSync(file, JSON.stringify({ ok: true, site: "gcp", activeSite: "linode", writeRegion: "us-east-2", epoch: 7, stale: false }));
            assert.deepStrictEqual(await readPublishedFile(file), { writeRegion: "us-east-2", epoch: 7 });
            assert.deepStrictEqual(parsePublished('{"activeSite":"gcp","writeRegion":"us-west-2"}'), { writeRegion: "us-west-2", epoch: 0 });
            assert.throws(() => parsePublished('{"ok":false,"reason":"no read yet"}'), /not usable/);
            assert.throws(() => parsePublished('{"writeRegion":"us-west-2","epoch":-1}'), /non-negative integer/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("fenced writes across a switch (two dynalite servers and the test replicator, a stand-in for global-table replication)", () => {
    let dynamo: ReplicatedDynamo;
    before(async () => {
        dynamo = await startReplicatedDynamo({ regions: ["us-west-2", "us-east-2"], tableName: TABLE });
    });
    after(() => dynamo.close());

    it("once the new region's epoch-2 write has replicated back, a late epoch-1 write in the old region is rejected there", async () => {
        await fencedPut(dynamo.client("us-west-2"), { TableName: TABLE, Item: { ...key("x"), state: { S: "old" } } }, 1);
        // The switch: the app that has seen epoch 2 writes in the new region; replication carries it to the old one.
        await fencedPut(dynamo.client("us-east-2"), { TableName: TABLE, Item: { ...key("x"), state: { S: "new" } } }, 2);
        await assert.rejects(fencedPut(dynamo.client("us-west-2"), { TableName: TABLE, Item: { ...key("x"), state: { S: "late" } } }, 1), StaleEpochError);
        for (const region of ["us-west-2", "us-east-2"]) {
            const item = (await dynamo.client(region).send(new GetItemCommand({ TableName: TABLE, Key: key("x"), ConsistentRead: true }))).Item;
            assert.deepStrictEqual([region, item?.state?.S, item?.epoch?.N], [region, "new", "2"]);
        }
    });
});
