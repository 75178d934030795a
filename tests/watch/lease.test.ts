import * as assert from "assert";
import { ClaimResult, DynamoLeaseStore, LeaseKeeper, leaseEndpoint, leaseKey, LeaseStore, leaseRequestTimeoutMs, leaseTimings } from "../../automation/lease";
import { BadInputError } from "../../topology";
import { createTable, LocalDynamo, startDynalite } from "../automation/localServers";

const KEY = { pk: { S: "dr-watch-lease" }, sk: { S: "dr-watch-lease" } };

describe("the watch lease: conditional writes on dynalite", () => {
    let dynamo: LocalDynamo;
    let table = 0;
    let store: DynamoLeaseStore;

    before(async () => {
        dynamo = await startDynalite();
    });
    after(() => dynamo.close());
    beforeEach(async () => {
        const name = `lease-${++table}`;
        await createTable(dynamo, name);
        store = new DynamoLeaseStore({ tableName: name, region: "us-east-1", key: KEY, endpoint: dynamo.endpoint, scope: { allowRemote: false }, timeoutMs: 2000 });
    });
    afterEach(() => store.close());

    it("one holder at a time: a second claimant learns who holds it and until when; the holder renews", async () => {
        assert.deepStrictEqual(await store.claim("a", 1000, 600, 1000), { held: true, record: { owner: "a", expiresAt: 1600, acquiredAt: 1000 } });
        assert.deepStrictEqual(await store.claim("b", 1100, 600, 1100), { held: false, holder: { owner: "a", expiresAt: 1600, acquiredAt: 1000 } });
        assert.deepStrictEqual(await store.claim("a", 1200, 600, 1000), { held: true, record: { owner: "a", expiresAt: 1800, acquiredAt: 1000 } });
        assert.strictEqual((await store.claim("b", 1799, 600, 1799)).held, false, "not before it runs out");
    });

    it("an expired lease goes to the next claimant, and the old holder cannot renew it", async () => {
        await store.claim("a", 1000, 600, 1000);
        assert.strictEqual((await store.claim("b", 1601, 600, 1601)).held, true);
        assert.deepStrictEqual(await store.claim("a", 1650, 600, 1000), { held: false, holder: { owner: "b", expiresAt: 2201, acquiredAt: 1601 } });
    });

    it("a release frees it at once; only the holder can release it", async () => {
        await store.claim("a", 1000, 600, 1000);
        await store.release("b");
        assert.strictEqual((await store.claim("b", 1001, 600, 1001)).held, false, "b's release changed nothing");
        await store.release("a");
        assert.strictEqual((await store.claim("b", 1002, 600, 1002)).held, true);
    });

    it("eight watches claiming a free lease at the same moment: exactly one gets it", async () => {
        const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.claim(`w${i}`, 5000, 600, 5000)));
        const winners = results.filter((r) => r.held);
        assert.strictEqual(winners.length, 1);
        const winner = winners[0].held ? winners[0].record.owner : "";
        for (const r of results.filter((x) => !x.held)) {
            assert.strictEqual(r.held ? "" : r.holder?.owner, winner);
        }
    });

    it("outside a real run it refuses a non-loopback endpoint and a missing override (bad input)", () => {
        const options = { tableName: "t", region: "us-east-1", key: KEY, scope: { allowRemote: false }, timeoutMs: 100 };
        assert.throws(() => new DynamoLeaseStore({ ...options, endpoint: "http://192.0.2.1:8000" }), BadInputError);
        assert.throws(() => new DynamoLeaseStore(options), /needs a DynamoDB endpoint override/);
    });
});

describe("lease settings", () => {
    it("timings: a standing-by watch takes over within one interval of the holder's last renewal", () => {
        for (const interval of [0.5, 1, 10, 60]) {
            const { durationMs, renewEveryMs } = leaseTimings(interval);
            assert.ok(durationMs + renewEveryMs <= (interval * 1000 * 2) / 3 + 1, `interval ${interval}`);
            assert.ok(durationMs >= 3 * renewEveryMs - 1, "two renewals may fail before the lease is lost");
        }
    });

    it("a lease request may take half the lease (a slow renewal still lands), capped by the probe timeout, never under 100 ms; a hung try still allows takeover within one interval", () => {
        for (const interval of [0.5, 1, 10, 60]) {
            const timings = leaseTimings(interval);
            const timeout = leaseRequestTimeoutMs(60_000, timings);
            assert.strictEqual(timeout, Math.max(100, timings.durationMs / 2), `interval ${interval}`);
            assert.ok(timeout > timings.renewEveryMs, `longer than a renewal period (interval ${interval})`);
            // Worst case: the lease runs out, the other's last try hung for the whole timeout, then one more period.
            assert.ok(timings.durationMs + timeout + timings.renewEveryMs <= interval * 1000, `interval ${interval}`);
        }
        assert.strictEqual(leaseRequestTimeoutMs(3000, leaseTimings(60)), 3000);
        assert.strictEqual(leaseRequestTimeoutMs(3000, leaseTimings(0.1)), 100);
    });

    it("the endpoint of the lease region from one URL or region=url pairs", () => {
        assert.strictEqual(leaseEndpoint("http://127.0.0.1:8000", "us-east-1"), "http://127.0.0.1:8000");
        assert.strictEqual(leaseEndpoint("us-west-2=http://127.0.0.1:1,us-east-1=http://127.0.0.1:2", "us-east-1"), "http://127.0.0.1:2");
        assert.strictEqual(leaseEndpoint("us-west-2=http://127.0.0.1:1", "us-east-1"), undefined);
        assert.strictEqual(leaseEndpoint(undefined, "us-east-1"), undefined);
    });

    it("the lease key: each key attribute set to dr-watch-lease; a numeric key is bad input", () => {
        const table = { name: "t", hashKey: "pk", rangeKey: "sk", attributes: [{ name: "pk", type: "S" as const }, { name: "sk", type: "B" as const }] };
        assert.deepStrictEqual(leaseKey({ table } as never), { pk: { S: "dr-watch-lease" }, sk: { B: Buffer.from("dr-watch-lease") } });
        assert.throws(() => leaseKey({ table: { ...table, attributes: [{ name: "pk", type: "N" }] } } as never), BadInputError);
    });
});

describe("LeaseKeeper (a scripted store, a fake clock)", () => {
    const timings = { durationMs: 500, renewEveryMs: 166 };
    type Answer = ClaimResult | Error;

    function keeper(answers: Answer[]) {
        let now = 10_000;
        const released: string[] = [];
        const lines: string[] = [];
        const store: LeaseStore = {
            description: "table t in us-east-1",
            claim: async (owner, at, durationMs, acquiredAt) => {
                const next = answers.shift() ?? assert.fail("no more answers");
                if (next instanceof Error) {
                    throw next;
                }
                return next.held ? { held: true, record: { owner, expiresAt: at + durationMs, acquiredAt } } : next;
            },
            release: async (owner) => void released.push(owner),
        };
        const k = new LeaseKeeper(store, { owner: "me", timings, log: (l) => lines.push(l), now: () => now });
        return { k, released, lines, advance: (ms: number) => (now += ms) };
    }
    const HELD: ClaimResult = { held: true, record: { owner: "me", expiresAt: 0, acquiredAt: 0 } };

    it("acts while its lease is unexpired by its own clock; the store unreachable, it stops acting when the lease runs out", async () => {
        const { k, advance, lines } = keeper([HELD, new Error("connect ECONNREFUSED"), new Error("connect ECONNREFUSED")]);
        await k.refresh();
        assert.strictEqual(k.mayAct(), true);
        advance(166);
        await k.refresh();
        assert.strictEqual(k.mayAct(), true, "still inside the 500 ms it holds");
        advance(400);
        await k.refresh();
        assert.strictEqual(k.mayAct(), false);
        assert.match(k.describe(), /^standing by: the lease \(table t in us-east-1\) cannot be reached \(connect ECONNREFUSED\)$/);
        assert.deepStrictEqual(lines.map((l) => l.split(";")[0]), ["lease: acquired: this watch acts", "lease: lost: this watch stands by"]);
    });

    it("stands by naming the holder, takes over when told it holds it, and releases it on stop", async () => {
        const other = { owner: "them@host pid 1 abc", expiresAt: 10_400, acquiredAt: 9_000 };
        const { k, released, advance } = keeper([{ held: false, holder: other }, HELD]);
        await k.refresh();
        assert.strictEqual(k.mayAct(), false);
        assert.strictEqual(k.describe(), "standing by: them@host pid 1 abc holds the lease until 1970-01-01T00:00:10.400Z");
        advance(500);
        await k.refresh();
        assert.strictEqual(k.mayAct(), true);
        await k.stop();
        assert.deepStrictEqual([k.mayAct(), released], [false, ["me"]]);
    });
});
