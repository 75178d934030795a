import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { ProbeScope } from "./addressGuard";
import { dynamoClient, dynamoRefusal } from "./dynamoClient";
import { Probe, ProbeResult, result } from "./types";

export interface DynamoProbeOptions {
    readonly name: string;
    readonly region: string;
    readonly tableName: string;
    /** The canary item's key, in DynamoDB's attribute-value form. */
    readonly key: Record<string, AttributeValue>;
    /** Overrides the regional endpoint, e.g. `http://127.0.0.1:4567` for a local DynamoDB. */
    readonly endpoint?: string;
    readonly timeoutMs: number;
    readonly scope: ProbeScope;
}

/**
 * DescribeTable (the table is ACTIVE in the region) and a consistent GetItem of the canary item, in the
 * region the site writes to. Outside a real run it needs a loopback endpoint and uses static
 * credentials from the environment, so the SDK never reaches for the instance metadata service.
 */
export function dynamoProbe(options: DynamoProbeOptions): Probe {
    const probe = { name: options.name, kind: "dynamodb" as const, target: `${options.tableName} in ${options.region}${options.endpoint ? ` via ${options.endpoint}` : ""}` };
    return { ...probe, run: (signal) => runDynamoProbe(options, probe, signal) };
}

async function runDynamoProbe(options: DynamoProbeOptions, probe: Pick<Probe, "name" | "kind" | "target">, signal: AbortSignal): Promise<ProbeResult> {
    const started = Date.now();
    const refusal = dynamoRefusal(options);
    if (refusal) {
        return result(probe, "refused", refusal.replace("not calling", "not probing"), 0);
    }
    const { DescribeTableCommand, GetItemCommand } = await import("@aws-sdk/client-dynamodb");
    const client = await dynamoClient(options);
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const abortSignal = AbortSignal.any([signal, timeout]);
    try {
        const described = await client.send(new DescribeTableCommand({ TableName: options.tableName }), { abortSignal });
        const status = described.Table?.TableStatus;
        if (status !== "ACTIVE") {
            return result(probe, "unhealthy", `table ${options.tableName} is ${status ?? "missing"} in ${options.region}`, Date.now() - started);
        }
        const item = await client.send(new GetItemCommand({ TableName: options.tableName, Key: options.key, ConsistentRead: true }), { abortSignal });
        if (!item.Item) {
            return result(probe, "unhealthy", `canary item ${describeKey(options.key)} not found in ${options.region}`, Date.now() - started);
        }
        return result(probe, "healthy", `table ACTIVE, canary item read in ${options.region}`, Date.now() - started);
    } catch (err) {
        const error = err as Error & { name: string };
        if (timeout.aborted || signal.aborted || error.name === "AbortError" || error.name === "TimeoutError") {
            return result(probe, "timeout", `no answer within ${options.timeoutMs} ms`, Date.now() - started);
        }
        if (error.name === "ResourceNotFoundException") {
            return result(probe, "unhealthy", `table ${options.tableName} not found in ${options.region}`, Date.now() - started);
        }
        const code = (err as { code?: string }).code;
        return result(probe, "error", code === "ECONNREFUSED" ? "connection refused" : `${error.name}: ${error.message}`, Date.now() - started);
    } finally {
        client.destroy();
    }
}

function describeKey(key: Record<string, AttributeValue>): string {
    return JSON.stringify(Object.fromEntries(Object.entries(key).map(([k, v]) => [k, Object.values(v)[0]])));
}
