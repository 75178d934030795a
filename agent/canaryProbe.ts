import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { RegionalClients } from "./clients";
import { beforeDeadline, describeFailure } from "./failure";
import { CheckResult } from "./verdict";

export interface CanaryTarget {
    readonly table: string;
    readonly region: string;
    readonly key: Readonly<Record<string, string>>;
}

/** A strongly consistent GetItem of the canary item in the write region returns the item. */
export async function probeCanary(clients: RegionalClients, target: CanaryTarget, signal: AbortSignal, deadlineMs: number): Promise<CheckResult> {
    const started = Date.now();
    const where = `${target.table} in ${target.region}`;
    try {
        const key = Object.fromEntries(Object.entries(target.key).map(([name, value]) => [name, { S: value }]));
        const request = new GetItemCommand({ TableName: target.table, Key: key, ConsistentRead: true });
        const answer = await beforeDeadline(clients.dynamoIn(target.region).send(request, { abortSignal: signal }), signal);
        const ms = Date.now() - started;
        return answer.Item ? { ok: true, detail: `canary read in ${where}`, ms } : { ok: false, detail: `canary item missing in ${where}`, ms };
    } catch (err) {
        return { ok: false, detail: `${where}: ${describeFailure(err, signal, deadlineMs)}`, ms: Date.now() - started };
    }
}
