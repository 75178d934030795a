import type { Item, RegionalTable } from "../fence/regionalTable";

/**
 * A global table in memory for unit tests: every region reads what any region wrote, at once (replication
 * without lag). Write conditions are NOT evaluated: tests of conditional writes use dynalite
 * (`tests/support/replicatedDynamo.ts`). `writes` lists every put, region and item, in order.
 */
export class MemoryTable implements RegionalTable {
    readonly writes: Array<{ readonly region: string; readonly item: Item }> = [];
    private readonly items = new Map<string, Item>();

    constructor(readonly tableName = "dr-app-staging") {}

    async put(region: string, item: Item): Promise<boolean> {
        this.writes.push({ region, item });
        this.items.set(this.keyOf(item), item);
        return true;
    }

    async get(_region: string, key: Item): Promise<Item | undefined> {
        return this.items.get(this.keyOf(key));
    }

    close(): void {}

    /** A context's `openTable`. */
    readonly open = (): RegionalTable => this;

    private keyOf(item: Item): string {
        return JSON.stringify(["pk", "sk"].map((k) => item[k]));
    }
}
