/**
 * The DynamoDB endpoint override for the lease region, from `--dynamodb-endpoint` /
 * `MULTICLOUD_DR_DYNAMODB_ENDPOINT`: either one URL for every region, or `region=url,...` pairs (the form the
 * replication-lag work adds), from which the lease region's URL is taken. Undefined: no override (the real
 * regional endpoint), also when the pairs do not name the lease region.
 */
export function leaseEndpoint(override: string | undefined, region: string): string | undefined {
    const text = override?.trim();
    if (!text) {
        return undefined;
    }
    if (!text.includes("=")) {
        return text;
    }
    for (const pair of text.split(",")) {
        const at = pair.indexOf("=");
        if (at > 0 && pair.slice(0, at).trim() === region) {
            return pair.slice(at + 1).trim() || undefined;
        }
    }
    return undefined;
}
