import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { billingModeProblem, mrscRegionsProblem, repeatedProblem, TABLE_DEFAULTS, TableConsistency } from "../topology";
import { InputChecks } from "./inputErrors";

export interface GlobalTableArgs {
    /** Table name, the same in every region. */
    readonly tableName: string;
    /** Partition key attribute name. */
    readonly hashKey: string;
    /** Sort key attribute name, if any. */
    readonly rangeKey?: string;
    /** Key attribute definitions. */
    readonly attributes: ReadonlyArray<{ readonly name: string; readonly type: "S" | "N" | "B" }>;
    /** Region of the table itself. */
    readonly homeRegion: string;
    /** Regions of the replicas; at least one, none equal to the home region. */
    readonly replicaRegions: readonly string[];
    /**
     * Billing mode: on demand only (the component sets no capacity; see `billingModeProblem`).
     * @default "PAY_PER_REQUEST"
     */
    readonly billingMode?: "PAY_PER_REQUEST";
    /**
     * Protect the table from `pulumi destroy` and accidental replacement (prod).
     * @default false
     */
    readonly protect?: boolean;
    /**
     * `strong`: multi-Region strong consistency. Every replica gets `consistencyMode: STRONG`; the home region and
     * its replicas, plus `witnessRegion`, must be exactly three regions of one MRSC region set (`mrscRegionsProblem`).
     * @default TABLE_DEFAULTS.consistency
     */
    readonly consistency?: TableConsistency;
    /** Strong mode with a single replica: the witness region (`globalTableWitness`), which is not a table region. */
    readonly witnessRegion?: string;
    /** Tags on the table, propagated to replicas. */
    readonly tags?: Record<string, string>;
}

/**
 * A DynamoDB global table (version 2019.11.21): the table in its home region with replicas declared on it.
 * Streams, point-in-time recovery (table and every replica), deletion protection and encryption are always on.
 */
export class GlobalTable extends pulumi.ComponentResource {
    public readonly table: aws.dynamodb.Table;
    public readonly tableName: pulumi.Output<string>;
    public readonly arn: pulumi.Output<string>;
    /** Every region holding the table: home first, then replicas. */
    public readonly regions: string[];

    constructor(name: string, args: GlobalTableArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:data:GlobalTable", name, {}, opts);
        validate(args);
        const protect = args.protect ?? false;
        // Eventual mode leaves consistencyMode unset (the provider's EVENTUAL), so existing tables see no diff.
        const consistencyMode = (args.consistency ?? TABLE_DEFAULTS.consistency) === "strong" ? "STRONG" : undefined;
        this.table = new aws.dynamodb.Table(
            `${name}-table`,
            {
                name: args.tableName,
                region: args.homeRegion,
                billingMode: args.billingMode ?? "PAY_PER_REQUEST",
                hashKey: args.hashKey,
                rangeKey: args.rangeKey,
                attributes: args.attributes.map((a) => ({ name: a.name, type: a.type })),
                // Global tables replicate through streams; set the view type explicitly so it never drifts.
                streamEnabled: true,
                streamViewType: "NEW_AND_OLD_IMAGES",
                pointInTimeRecovery: { enabled: true },
                deletionProtectionEnabled: true,
                serverSideEncryption: { enabled: true },
                replicas: args.replicaRegions.map((regionName) => ({
                    regionName,
                    pointInTimeRecovery: true,
                    deletionProtectionEnabled: true,
                    propagateTags: true,
                    consistencyMode,
                })),
                globalTableWitness: args.witnessRegion === undefined ? undefined : { regionName: args.witnessRegion },
                tags: args.tags,
            },
            { parent: this, protect },
        );
        this.tableName = this.table.name;
        this.arn = this.table.arn;
        this.regions = [args.homeRegion, ...args.replicaRegions];
        this.registerOutputs({ tableName: this.tableName, arn: this.arn, regions: this.regions });
    }
}

function validate(args: GlobalTableArgs): void {
    const keys = [["hashKey", args.hashKey], ["rangeKey", args.rangeKey]] as const;
    const checks = new InputChecks("GlobalTable")
        .check("replicaRegions", args.replicaRegions.length > 0 ? repeatedProblem(args.replicaRegions) : "must list at least one replica region")
        .check("replicaRegions", args.replicaRegions.includes(args.homeRegion) ? `must not include the home region ${args.homeRegion}` : undefined)
        .check("billingMode", billingModeProblem(args.billingMode ?? "PAY_PER_REQUEST"));
    if ((args.consistency ?? TABLE_DEFAULTS.consistency) === "strong") {
        const problem = mrscRegionsProblem(args);
        checks.check(problem?.property ?? "consistency", problem?.reason);
    } else {
        checks.check("witnessRegion", args.witnessRegion === undefined ? undefined : "is only used with consistency strong");
    }
    for (const [property, key] of keys) {
        const declared = key === undefined || args.attributes.some((a) => a.name === key);
        checks.check(property, declared ? undefined : `must be one of the attributes (${args.attributes.map((a) => a.name).join(", ")})`);
    }
    checks.throwIfAny();
}
