import type { AttributeValue, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BadInputError, DrConfig } from "../../topology";
import { ProbeScope, refusalFor } from "../probes/addressGuard";

/** The value of each key attribute of the lease item: a reserved key in the stack's own table. */
export const LEASE_KEY_VALUE = "dr-watch-lease";

/** Who holds the lease, and until when (ms since the epoch, by the holder's clock). */
export interface LeaseRecord {
    readonly owner: string;
    readonly expiresAt: number;
    readonly acquiredAt: number;
}

export type ClaimResult = { readonly held: true; readonly record: LeaseRecord } | { readonly held: false; readonly holder?: LeaseRecord };

/** Where leases are kept; `DynamoLeaseStore` in production, the same class on dynalite in tests. */
export interface LeaseStore {
    /** Takes the lease if it is free, expired or already `owner`'s, until `now + durationMs`; otherwise says who has it. */
    claim(owner: string, now: number, durationMs: number, acquiredAt: number): Promise<ClaimResult>;
    /** Gives the lease up if `owner` holds it (a clean stop: the other watch takes over at its next try). */
    release(owner: string): Promise<void>;
    /** Where the lease lives, for messages. */
    readonly description: string;
}

export interface DynamoLeaseOptions {
    readonly tableName: string;
    readonly region: string;
    readonly key: Record<string, AttributeValue>;
    /** A local DynamoDB (the endpoint override of the lease region). */
    readonly endpoint?: string;
    readonly scope: ProbeScope;
    /** Per request; keep it under the renewal period. */
    readonly timeoutMs: number;
}

/** The lease item's key in the stack's table: every key attribute set to `dr-watch-lease` (string or binary keys). */
export function leaseKey(cfg: Pick<DrConfig, "table">): Record<string, AttributeValue> {
    const key: Record<string, AttributeValue> = {};
    for (const name of [cfg.table.hashKey, cfg.table.rangeKey].filter((k): k is string => k !== undefined)) {
        const type = cfg.table.attributes.find((a) => a.name === name)?.type ?? "S";
        if (type === "N") {
            throw new BadInputError(`--lease keeps the lease item in the table ${cfg.table.name} under the key "${LEASE_KEY_VALUE}", but its key attribute ${name} is a number`);
        }
        key[name] = type === "B" ? { B: Buffer.from(LEASE_KEY_VALUE) } : { S: LEASE_KEY_VALUE };
    }
    return key;
}

/**
 * The lease as one item, written only with conditional writes, so DynamoDB itself decides who holds it: a claim is a
 * PutItem whose ConditionExpression admits it only when no lease exists, the caller already holds it, or it has
 * expired; a release is a DeleteItem conditioned on the caller holding it. A failed condition is
 * ConditionalCheckFailedException and writes nothing
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html,
 * "Conditional put"; PutItem's ConditionExpression in @aws-sdk/client-dynamodb's PutItemInput). The item is always
 * written in one region (the table's home region): conditional writes are decided per region, and a global table
 * replicates other regions' writes last-writer-wins.
 */
export class DynamoLeaseStore implements LeaseStore {
    readonly description: string;
    private client?: DynamoDBClient;

    constructor(private readonly options: DynamoLeaseOptions) {
        this.description = `table ${options.tableName} in ${options.region}${options.endpoint ? ` via ${options.endpoint}` : ""}`;
        const refusal = options.scope.allowRemote
            ? undefined
            : options.endpoint === undefined
              ? "outside a real run the lease needs a DynamoDB endpoint override (--dynamodb-endpoint or MULTICLOUD_DR_DYNAMODB_ENDPOINT)"
              : refusalFor(new URL(options.endpoint).hostname, options.scope);
        if (refusal) {
            throw new BadInputError(`--lease: ${refusal}`);
        }
    }

    async claim(owner: string, now: number, durationMs: number, acquiredAt: number): Promise<ClaimResult> {
        const { PutItemCommand, GetItemCommand } = await import("@aws-sdk/client-dynamodb");
        const client = await this.connect();
        const record: LeaseRecord = { owner, expiresAt: now + durationMs, acquiredAt };
        try {
            await client.send(
                new PutItemCommand({
                    TableName: this.options.tableName,
                    Item: { ...this.options.key, ...toItem(record) },
                    ConditionExpression: "attribute_not_exists(#owner) OR #owner = :me OR #expiresAt < :now",
                    ExpressionAttributeNames: { "#owner": "leaseOwner", "#expiresAt": "leaseExpiresAt" },
                    ExpressionAttributeValues: { ":me": { S: owner }, ":now": { N: String(now) } },
                }),
                { abortSignal: AbortSignal.timeout(this.options.timeoutMs) },
            );
            return { held: true, record };
        } catch (err) {
            if ((err as Error).name !== "ConditionalCheckFailedException") {
                throw err;
            }
        }
        const current = await client.send(new GetItemCommand({ TableName: this.options.tableName, Key: this.options.key, ConsistentRead: true }), {
            abortSignal: AbortSignal.timeout(this.options.timeoutMs),
        });
        return { held: false, holder: current.Item ? fromItem(current.Item) : undefined };
    }

    async release(owner: string): Promise<void> {
        const { DeleteItemCommand } = await import("@aws-sdk/client-dynamodb");
        try {
            await (await this.connect()).send(
                new DeleteItemCommand({
                    TableName: this.options.tableName,
                    Key: this.options.key,
                    ConditionExpression: "#owner = :me",
                    ExpressionAttributeNames: { "#owner": "leaseOwner" },
                    ExpressionAttributeValues: { ":me": { S: owner } },
                }),
                { abortSignal: AbortSignal.timeout(this.options.timeoutMs) },
            );
        } catch (err) {
            if ((err as Error).name !== "ConditionalCheckFailedException") {
                throw err;
            }
        }
    }

    close(): void {
        this.client?.destroy();
        this.client = undefined;
    }

    private async connect(): Promise<DynamoDBClient> {
        if (!this.client) {
            // Loaded on first use, like the probes: the SDK is a large part of the CLI's start-up time.
            const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
            const { region, endpoint, scope, timeoutMs } = this.options;
            this.client = new DynamoDBClient({
                region,
                endpoint,
                maxAttempts: 1,
                requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
                ...(scope.allowRemote
                    ? {}
                    : { credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "local", secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "local" } }),
            });
        }
        return this.client;
    }
}

function toItem(record: LeaseRecord): Record<string, AttributeValue> {
    return {
        leaseOwner: { S: record.owner },
        leaseExpiresAt: { N: String(record.expiresAt) },
        leaseAcquiredAt: { N: String(record.acquiredAt) },
    };
}

function fromItem(item: Record<string, AttributeValue>): LeaseRecord | undefined {
    const owner = item.leaseOwner?.S;
    const expiresAt = Number(item.leaseExpiresAt?.N);
    return owner === undefined || !Number.isFinite(expiresAt) ? undefined : { owner, expiresAt, acquiredAt: Number(item.leaseAcquiredAt?.N ?? expiresAt) };
}
