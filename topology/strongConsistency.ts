/**
 * Multi-Region strong consistency (MRSC) of the global table: which region layouts DynamoDB accepts. Shared by
 * the config parser, the GlobalTable component and the policy pack, so all three refuse the same layouts.
 *
 * Limits AWS states for MRSC (Developer Guide, "Multi-Region strong consistency"; the `@pulumi/aws`
 * `dynamodb/table.d.ts` links that page): exactly three regions, all in one region set; a witness holds no
 * readable data and lies in a region other than the two replicas'. Stated in issue #13 from the same page but not
 * checkable offline: the table must be empty when the mode is turned on, so switching an existing table's mode
 * means a new table (the replacement table marks it unsafe).
 */
import { DYNAMODB_MRSC_REGION_COUNT, DYNAMODB_MRSC_REGION_SETS } from "./platformLimits";

export type TableConsistency = "eventual" | "strong";
export const TABLE_CONSISTENCIES: readonly TableConsistency[] = ["eventual", "strong"];

/** The table property a problem belongs to; the names are both the config keys under `table` and the component's args. */
export type MrscProperty = "homeRegion" | "replicaRegions" | "witnessRegion";

export interface MrscProblem {
    readonly property: MrscProperty;
    readonly reason: string;
}

export interface MrscRegions {
    readonly homeRegion: string;
    readonly replicaRegions: readonly string[];
    readonly witnessRegion?: string;
}

const SETS_TEXT = Object.entries(DYNAMODB_MRSC_REGION_SETS).map(([name, regions]) => `${name}: ${regions.join(", ")}`).join("; ");

/** Why DynamoDB would refuse these regions for a strongly consistent table, or undefined when they fit. */
export function mrscRegionsProblem({ homeRegion, replicaRegions, witnessRegion }: MrscRegions): MrscProblem | undefined {
    const tableRegions = [homeRegion, ...replicaRegions];
    if (witnessRegion !== undefined && tableRegions.includes(witnessRegion)) {
        return { property: "witnessRegion", reason: `must not be a region that holds the table (${tableRegions.join(", ")})` };
    }
    const total = tableRegions.length + (witnessRegion === undefined ? 0 : 1);
    if (total !== DYNAMODB_MRSC_REGION_COUNT) {
        const property = witnessRegion !== undefined && tableRegions.length >= DYNAMODB_MRSC_REGION_COUNT ? "witnessRegion" : "replicaRegions";
        return {
            property,
            reason: `strong consistency uses exactly ${DYNAMODB_MRSC_REGION_COUNT} regions: the home region and 2 replicas, or the home region, 1 replica and a witness region (this table has ${total})`,
        };
    }
    const set = Object.values(DYNAMODB_MRSC_REGION_SETS).find((regions) => regions.includes(homeRegion));
    if (set === undefined) {
        return { property: "homeRegion", reason: `must be in a region set that offers strong consistency (${SETS_TEXT})` };
    }
    const outsideReplica = replicaRegions.find((region) => !set.includes(region));
    if (outsideReplica !== undefined) {
        return { property: "replicaRegions", reason: `${outsideReplica} is not in the home region's strong-consistency set (${set.join(", ")})` };
    }
    if (witnessRegion !== undefined && !set.includes(witnessRegion)) {
        return { property: "witnessRegion", reason: `must be in the home region's strong-consistency set (${set.join(", ")})` };
    }
    return undefined;
}
