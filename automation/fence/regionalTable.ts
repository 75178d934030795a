import type { AttributeValue, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ProbeScope } from "../probes/addressGuard";
import { dynamoClient, dynamoRefusal } from "../probes/dynamoClient";
import { dynamodbEndpointFor, DynamoEndpoints } from "../probes/dynamoEndpoints";

export type Item = Record<string, AttributeValue>;

/** A condition on a write, in DynamoDB's expression form (`ConditionExpression` with its names and values). */
export interface WriteCondition {
    readonly expression: string;
    readonly names?: Readonly<Record<string, string>>;
    readonly values?: Readonly<Record<string, AttributeValue>>;
}

/** One global table, addressed region by region: what the fence and the replication measurement need. */
export interface RegionalTable {
    readonly tableName: string;
    /** PutItem in one region. With a condition: false when DynamoDB refused the write (ConditionalCheckFailedException). */
    put(region: string, item: Item, condition?: WriteCondition): Promise<boolean>;
    /**
     * GetItem with `ConsistentRead` in one region. On a global table in eventual mode a consistent read is only
     * consistent within that region: it returns every write acknowledged in that region, and writes made in other
     * regions only once they have replicated (Developer Guide, "DynamoDB read consistency", global tables: changes
     * replicate "usually within a second" and are eventually consistent). That is exactly what the fence waits for.
     */
    get(region: string, key: Item): Promise<Item | undefined>;
    close(): void;
}

export interface RegionalTableOptions {
    readonly tableName: string;
    readonly endpoints: DynamoEndpoints;
    readonly scope: ProbeScope;
    readonly timeoutMs: number;
}

/** A region this run may not reach: outside a real run, a region with no loopback endpoint override. */
export class RegionNotAllowedError extends Error {}

/** The AWS SDK behind `RegionalTable`: a client per region, built like the DynamoDB probe's (loopback only outside a real run). */
export function dynamoRegionalTable(options: RegionalTableOptions): RegionalTable {
    const clients = new Map<string, Promise<DynamoDBClient>>();
    const clientFor = (region: string): Promise<DynamoDBClient> => {
        const endpoint = dynamodbEndpointFor(options.endpoints, region);
        const refusal = dynamoRefusal({ endpoint, scope: options.scope });
        if (refusal) {
            return Promise.reject(new RegionNotAllowedError(refusal));
        }
        let client = clients.get(region);
        if (!client) {
            client = dynamoClient({ region, endpoint, timeoutMs: options.timeoutMs, scope: options.scope });
            clients.set(region, client);
        }
        return client;
    };
    const abortSignal = () => AbortSignal.timeout(options.timeoutMs);
    return {
        tableName: options.tableName,
        put: async (region, item, condition) => {
            const { PutItemCommand } = await import("@aws-sdk/client-dynamodb");
            const client = await clientFor(region);
            try {
                await client.send(
                    new PutItemCommand({
                        TableName: options.tableName,
                        Item: item,
                        ...(condition
                            ? { ConditionExpression: condition.expression, ExpressionAttributeNames: condition.names, ExpressionAttributeValues: condition.values }
                            : {}),
                    }),
                    { abortSignal: abortSignal() },
                );
                return true;
            } catch (err) {
                if ((err as Error).name === "ConditionalCheckFailedException") {
                    return false;
                }
                throw described(err, `writing to ${options.tableName} in ${region}`);
            }
        },
        get: async (region, key) => {
            const { GetItemCommand } = await import("@aws-sdk/client-dynamodb");
            const client = await clientFor(region);
            try {
                const out = await client.send(new GetItemCommand({ TableName: options.tableName, Key: key, ConsistentRead: true }), { abortSignal: abortSignal() });
                return out.Item;
            } catch (err) {
                throw described(err, `reading ${options.tableName} in ${region}`);
            }
        },
        close: () => {
            for (const client of clients.values()) {
                void client.then((c) => c.destroy()).catch(() => undefined);
            }
            clients.clear();
        },
    };
}

function described(err: unknown, doing: string): Error {
    const error = err as Error & { code?: string };
    const what = error.code === "ECONNREFUSED" ? "connection refused" : error.name === "AbortError" || error.name === "TimeoutError" ? "no answer in time" : `${error.name}: ${error.message}`;
    return new Error(`${doing}: ${what}`);
}
