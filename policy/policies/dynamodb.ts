import { ResourceValidationPolicy } from "@pulumi/policy";
import { mrscRegionsProblem } from "../../topology";
import { isKnown, isUnknown, knownItems, requiredFails, validateType } from "./values";

export const DYNAMODB_TABLE = "aws:dynamodb/table:Table";

export const dynamodbPointInTimeRecovery: ResourceValidationPolicy = {
    name: "dynamodb-point-in-time-recovery",
    description: "DynamoDB tables keep point-in-time recovery on, on the table and on every replica.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(DYNAMODB_TABLE, (table, _args, reportViolation) => {
        if (requiredFails(table.pointInTimeRecovery?.enabled, (enabled) => enabled === true)) {
            reportViolation("pointInTimeRecovery.enabled must be true: without it a bad write replicates everywhere and cannot be rolled back.");
        }
        for (const replica of knownItems<Record<string, any>>(table.replicas)) {
            if (requiredFails(replica.pointInTimeRecovery, (enabled) => enabled === true)) {
                reportViolation(`replica ${describeReplica(replica)} must set pointInTimeRecovery: true (it is off by default on replicas).`);
            }
        }
    }),
};

export const dynamodbDeletionProtection: ResourceValidationPolicy = {
    name: "dynamodb-deletion-protection",
    description: "DynamoDB tables have deletion protection enabled.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(DYNAMODB_TABLE, (table, _args, reportViolation) => {
        if (requiredFails(table.deletionProtectionEnabled, (enabled) => enabled === true)) {
            reportViolation("deletionProtectionEnabled must be true: the global table holds the only copy of the data in every site.");
        }
    }),
};

export const dynamodbServerSideEncryption: ResourceValidationPolicy = {
    name: "dynamodb-server-side-encryption",
    description: "DynamoDB tables encrypt at rest with a KMS key (serverSideEncryption enabled).",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(DYNAMODB_TABLE, (table, _args, reportViolation) => {
        if (requiredFails(table.serverSideEncryption?.enabled, (enabled) => enabled === true)) {
            reportViolation("serverSideEncryption.enabled must be true.");
        }
    }),
};

export const dynamodbReplicaStreams: ResourceValidationPolicy = {
    name: "dynamodb-replica-streams",
    description: "DynamoDB tables with replicas stream NEW_AND_OLD_IMAGES, which global-table replication needs.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(DYNAMODB_TABLE, (table, _args, reportViolation) => {
        if (!Array.isArray(table.replicas) || table.replicas.length === 0) {
            return;
        }
        if (requiredFails(table.streamEnabled, (enabled) => enabled === true)) {
            reportViolation("streamEnabled must be true on a table with replicas.");
        }
        if (requiredFails(table.streamViewType, (view) => view === "NEW_AND_OLD_IMAGES")) {
            reportViolation(`streamViewType must be NEW_AND_OLD_IMAGES on a table with replicas, not ${String(table.streamViewType ?? "unset")}.`);
        }
    }),
};

export const dynamodbHasReplica: ResourceValidationPolicy = {
    name: "dynamodb-has-replica",
    description: "DynamoDB tables have at least a configurable number of replicas, each in a region other than the table's.",
    enforcementLevel: "mandatory",
    severity: "critical",
    configSchema: {
        properties: {
            minReplicas: { type: "integer", minimum: 1, default: 1, description: "The fewest replicas a table may have." },
        },
    },
    validateResource: validateType(DYNAMODB_TABLE, (table, args, reportViolation) => {
        const { minReplicas = 1 } = args.getConfig<{ minReplicas?: number }>();
        if (isUnknown(table.replicas)) {
            return;
        }
        const replicas: Record<string, any>[] = Array.isArray(table.replicas) ? table.replicas : [];
        if (replicas.length < minReplicas) {
            reportViolation(`the table has ${replicas.length} replica(s); at least ${minReplicas} required: with none, losing one AWS region loses the data.`);
        }
        for (const replica of replicas) {
            if (isKnown(replica.regionName) && isKnown(table.region) && replica.regionName === table.region) {
                reportViolation(`replica region ${replica.regionName} is the table's own region.`);
            }
        }
    }),
};

/**
 * Multi-Region strong consistency, as the GlobalTable component declares it: DynamoDB provisions an MRSC table
 * only with two STRONG replicas, or one STRONG replica and a witness (`@pulumi/aws` dynamodb/table.d.ts,
 * `globalTableWitness`: "Other combinations will fail to provision"), on three regions of one MRSC region set.
 */
export const dynamodbStrongConsistency: ResourceValidationPolicy = {
    name: "dynamodb-strong-consistency",
    description: "DynamoDB tables in strong mode have 2 STRONG replicas, or 1 STRONG replica and a witness, in one MRSC region set; no mixed modes.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(DYNAMODB_TABLE, (table, _args, reportViolation) => {
        if (!Array.isArray(table.replicas)) {
            return;
        }
        const replicas: Record<string, any>[] = table.replicas;
        const modes = replicas.map((replica) => replica.consistencyMode ?? "EVENTUAL");
        const witnessRegion = table.globalTableWitness?.regionName;
        const strong = modes.filter((mode) => mode === "STRONG").length;
        if (modes.some(isUnknown) || (strong === 0 && table.globalTableWitness === undefined)) {
            return;
        }
        if (strong !== replicas.length) {
            reportViolation(`replicas mix consistency modes (${modes.join(", ")}): a strongly consistent table has every replica STRONG.`);
            return;
        }
        const witness = table.globalTableWitness !== undefined;
        if (!((strong === 2 && !witness) || (strong === 1 && witness))) {
            reportViolation(`the table has ${strong} STRONG replica(s)${witness ? " and a witness" : ""}: strong consistency needs 2 STRONG replicas, or 1 STRONG replica and globalTableWitness.`);
            return;
        }
        const regions = [table.region, ...replicas.map((replica) => replica.regionName), ...(witness ? [witnessRegion] : [])];
        if (regions.every((region) => isKnown(region))) {
            const problem = mrscRegionsProblem({ homeRegion: table.region, replicaRegions: replicas.map((replica) => replica.regionName), witnessRegion });
            if (problem !== undefined) {
                reportViolation(`${problem.property === "homeRegion" ? "region" : problem.property}: ${problem.reason}.`);
            }
        }
    }),
};

function describeReplica(replica: Record<string, any>): string {
    return isKnown(replica.regionName) ? String(replica.regionName) : "(region not known yet)";
}

export const dynamodbPolicies = [
    dynamodbPointInTimeRecovery,
    dynamodbDeletionProtection,
    dynamodbServerSideEncryption,
    dynamodbReplicaStreams,
    dynamodbHasReplica,
    dynamodbStrongConsistency,
];
