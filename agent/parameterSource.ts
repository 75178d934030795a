import { GetParameterCommand } from "@aws-sdk/client-ssm";
import { RegionalClients } from "./clients";
import { beforeDeadline, describeFailure } from "./failure";
import { ParameterRead } from "./freshness";
import { parsePublished } from "./published";

export type ReadOutcome = { readonly ok: true; readonly read: ParameterRead } | { readonly ok: false; readonly reason: string };

/** Reads the published parameter from the regions in order, each within `deadlineMs`, until one answers with a valid value. */
export async function readParameter(clients: RegionalClients, name: string, regions: readonly string[], deadlineMs: number): Promise<ReadOutcome> {
    const failures: string[] = [];
    for (const region of regions) {
        const signal = AbortSignal.timeout(deadlineMs);
        try {
            const answer = await beforeDeadline(clients.ssmIn(region).send(new GetParameterCommand({ Name: name }), { abortSignal: signal }), signal);
            const parameter = answer.Parameter;
            if (parameter?.Value === undefined) {
                throw new Error("answer has no Parameter.Value");
            }
            const value = parsePublished(parameter.Value);
            return { ok: true, read: { value, version: parameter.Version ?? 0, region, readAt: Date.now() } };
        } catch (err) {
            failures.push(`${region}: ${describeFailure(err, signal, deadlineMs)}`);
        }
    }
    return { ok: false, reason: failures.join("; ") };
}
