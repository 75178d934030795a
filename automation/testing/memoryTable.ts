import type { Item, RegionalTable } from "../fence/regionalTable";

/**
 * A global table in memory for unit tests: while `replicating`, a write shows up in every region at once (no
 * lag); while not, it stays in the region written to (replication paused). Write conditions are NOT evaluated:
 * tests of conditional writes use dynalite (`tests/support/replicatedDynamo.ts`). `writes` lists every put.
 */
export class MemoryTable implements RegionalTable {
    readonly writes: Array<{ readonly region: string; readonly item: Item }> = [];
    replicating = true;
    private readonly regions = new Map<string, Map<string, Item>>();

    constructor(readonly tableName = "dr-app-staging") {}

    async put(region: string, item: Item): Promise<boolean> {
        this.writes.push({ region, item });
        for (const target of this.replicating ? [...new Set([region, ...this.regions.keys()])] : [region]) {
            this.store(target).set(keyOf(item), item);
        }
        return true;
    }

    async get(region: string, key: Item): Promise<Item | undefined> {
        return this.replicating ? this.writes.filter((w) => keyOf(w.item) === keyOf(key)).pop()?.item : this.store(region).get(keyOf(key));
    }

    close(): void {}

    /** A context's `openTable`. */
    readonly open = (): RegionalTable => this;

    private store(region: string): Map<string, Item> {
        let store = this.regions.get(region);
        if (!store) {
            store = new Map();
            this.regions.set(region, store);
        }
        return store;
    }
}

function keyOf(item: Item): string {
    return JSON.stringify(["pk", "sk"].map((k) => item[k]));
}
