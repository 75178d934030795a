import { ResourceValidationPolicy } from "@pulumi/policy";
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

function describeReplica(replica: Record<string, any>): string {
    return isKnown(replica.regionName) ? String(replica.regionName) : "(region not known yet)";
}

export const dynamodbPolicies = [
    dynamodbPointInTimeRecovery,
    dynamodbDeletionProtection,
    dynamodbServerSideEncryption,
    dynamodbReplicaStreams,
    dynamodbHasReplica,
];
