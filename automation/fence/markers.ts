import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { DrConfig } from "../../topology";

/**
 * The items the tool itself writes into the application's table, each under a reserved key: every key attribute
 * holds the marker (a string attribute the name, a binary one its bytes, a number one the marker's number).
 * Apps must not use these keys.
 */
export const MARKERS = {
    /** The fence of a write-region move: `epoch`, `writeRegion`, `fencedAt`. */
    fence: { text: "dr-fence", number: "-1" },
    /** The replication canary: a fresh `token` per measurement, `writtenAt`. */
    replication: { text: "dr-replication-canary", number: "-2" },
} as const;

export type Marker = keyof typeof MARKERS;

export function markerKey(cfg: Pick<DrConfig, "table">, marker: Marker): Record<string, AttributeValue> {
    const { text, number } = MARKERS[marker];
    const key: Record<string, AttributeValue> = {};
    for (const name of [cfg.table.hashKey, cfg.table.rangeKey].filter((k): k is string => k !== undefined)) {
        const type = cfg.table.attributes.find((a) => a.name === name)?.type ?? "S";
        key[name] = type === "N" ? { N: number } : type === "B" ? { B: Buffer.from(text) } : { S: text };
    }
    return key;
}
