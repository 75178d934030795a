import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { ProbeScope, refusalFor } from "./addressGuard";

export interface DynamoClientOptions {
    readonly region: string;
    /** Overrides the regional endpoint, e.g. `http://127.0.0.1:4567` for a local DynamoDB. */
    readonly endpoint?: string;
    readonly timeoutMs: number;
    readonly scope: ProbeScope;
}

/** Why this tool will not send a DynamoDB request there in this scope, or undefined when it may. */
export function dynamoRefusal(options: Pick<DynamoClientOptions, "endpoint" | "scope">): string | undefined {
    if (options.scope.allowRemote) {
        return undefined;
    }
    return options.endpoint === undefined ? "not calling the AWS DynamoDB endpoint outside a real run: set an endpoint override" : refusalFor(hostOf(options.endpoint), options.scope);
}

/**
 * A DynamoDB client for one region, one attempt per request, bounded by the timeout. Outside a real run it only
 * talks to a loopback endpoint (check `dynamoRefusal` first) and uses static credentials from the environment, so
 * the SDK never reaches for the instance metadata service. The SDK is loaded on first use: it is a large part of
 * the CLI's start-up time.
 */
export async function dynamoClient(options: DynamoClientOptions): Promise<DynamoDBClient> {
    const { DynamoDBClient } = await import("@aws-sdk/client-dynamodb");
    return new DynamoDBClient({
        region: options.region,
        endpoint: options.endpoint,
        maxAttempts: 1,
        requestHandler: { connectionTimeout: options.timeoutMs, requestTimeout: options.timeoutMs },
        ...(options.scope.allowRemote
            ? {}
            : {
                  credentials: {
                      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "local",
                      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "local",
                  },
              }),
    });
}

function hostOf(endpoint: string): string {
    try {
        return new URL(endpoint).hostname;
    } catch {
        return endpoint;
    }
}
