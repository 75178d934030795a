import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SSMClient } from "@aws-sdk/client-ssm";

/**
 * One client per service and region, made on first use. Credentials come from the SDK's default chain, and
 * `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_SSM` are honoured by the SDK itself. One attempt per call:
 * the agent's own deadline and region fallback replace the SDK's retries.
 */
export class RegionalClients {
    private readonly dynamo = new Map<string, DynamoDBClient>();
    private readonly ssm = new Map<string, SSMClient>();

    constructor(private readonly timeoutMs: number) {}

    dynamoIn(region: string): DynamoDBClient {
        return cached(this.dynamo, region, () => new DynamoDBClient(this.options(region)));
    }

    ssmIn(region: string): SSMClient {
        return cached(this.ssm, region, () => new SSMClient(this.options(region)));
    }

    /**
     * Resolves the credential chain once, so the first read's deadline does not also pay for loading the SDK's
     * credential providers (lazily loaded modules, which take longer than a short deadline on a busy machine).
     * A failure here is not fatal: the reads report it with their own deadline.
     */
    async warmUp(region: string, limitMs: number): Promise<void> {
        const credentials = this.ssmIn(region).config.credentials().catch(() => undefined);
        await Promise.race([credentials, new Promise((resolve) => setTimeout(resolve, limitMs).unref())]);
    }

    destroy(): void {
        for (const client of [...this.dynamo.values(), ...this.ssm.values()]) {
            client.destroy();
        }
    }

    private options(region: string) {
        return { region, maxAttempts: 1, requestHandler: { connectionTimeout: this.timeoutMs, requestTimeout: this.timeoutMs } };
    }
}

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
    let value = map.get(key);
    if (value === undefined) {
        value = make();
        map.set(key, value);
    }
    return value;
}
