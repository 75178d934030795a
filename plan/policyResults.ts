import { RecordedResource } from "../offline";
import { runPolicies } from "../policy/runInProcess";

/** One finding of the policy pack, as `policy/runInProcess.ts` reports it. */
export interface PolicyFinding {
    readonly policyName: string;
    readonly enforcementLevel: string;
    readonly urn?: string;
    readonly message: string;
}

export type PolicyRunner = (resources: RecordedResource[]) => Promise<readonly PolicyFinding[]>;

export interface PolicyResults {
    /** False only when the plan was built without running the pack (a caller passed no runner). */
    readonly available: boolean;
    readonly mandatoryViolations: number;
    readonly findings: readonly PolicyFinding[];
}

/** The policy pack, run in this process the way the engine's analyzer would run it. */
export const packPolicyRunner: PolicyRunner = (resources) => runPolicies(resources);

export async function policyResults(runner: PolicyRunner | undefined, resources: RecordedResource[]): Promise<PolicyResults> {
    if (!runner) {
        return { available: false, mandatoryViolations: 0, findings: [] };
    }
    const findings = [...(await runner(resources))].sort(
        (a, b) => a.policyName.localeCompare(b.policyName) || (a.urn ?? "").localeCompare(b.urn ?? "") || a.message.localeCompare(b.message),
    );
    return { available: true, mandatoryViolations: findings.filter((f) => f.enforcementLevel === "mandatory").length, findings };
}
