import { isAwsRegion, isSite, Site } from "./sites";

/** What the program publishes in the active-site parameter (see `publishedActiveSite` in `topology/failover.ts`). */
export interface PublishedActiveSite {
    readonly activeSite: Site;
    readonly writeRegion: string;
    /** The data switch's fencing epoch (ARCHITECTURE.md); absent only in values published before the program had it. */
    readonly epoch?: number;
}

const KNOWN_KEYS = new Set(["activeSite", "writeRegion", "epoch"]);

/**
 * Parses the parameter's value strictly: a JSON object with exactly these keys and types. Throws an Error
 * whose message says what is wrong; the caller treats that region's read as failed.
 */
export function parsePublished(text: string): PublishedActiveSite {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        throw new Error("value is not JSON");
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new Error("value is not a JSON object");
    }
    const record = value as Record<string, unknown>;
    const unknown = Object.keys(record).filter((key) => !KNOWN_KEYS.has(key));
    if (unknown.length > 0) {
        throw new Error(`unexpected key(s) ${unknown.join(", ")}`);
    }
    if (!isSite(record.activeSite)) {
        throw new Error(`activeSite must be "gcp" or "linode" (got ${JSON.stringify(record.activeSite)})`);
    }
    if (!isAwsRegion(record.writeRegion)) {
        throw new Error(`writeRegion must be an AWS region (got ${JSON.stringify(record.writeRegion)})`);
    }
    if (record.epoch !== undefined && !(Number.isSafeInteger(record.epoch) && (record.epoch as number) >= 0)) {
        throw new Error(`epoch must be a non-negative integer (got ${JSON.stringify(record.epoch)})`);
    }
    return {
        activeSite: record.activeSite,
        writeRegion: record.writeRegion,
        ...(record.epoch === undefined ? {} : { epoch: record.epoch as number }),
    };
}
