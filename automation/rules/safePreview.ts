import { PreviewReport } from "../stackAdapter";
import { pass, refuse, Verdict } from "./verdict";

/** The resources a flip may touch, and only by updating them in place. */
export const FLIP_RESOURCE_TYPES: readonly string[] = [
    "aws:route53/record:Record",
    "aws:ssm/parameter:Parameter",
    "linode:index/domainRecord:DomainRecord",
];

/** Ops that leave a resource alone. The stack resource itself only changes its outputs. */
const UNCHANGED_OPS = ["same", "read"];
const STACK_TYPE = "pulumi:pulumi:Stack";

/** A flip's preview is safe when only the DNS records and published parameters are updated in place. */
export function checkSafePreview(report: PreviewReport): Verdict {
    const problems: string[] = [];
    for (const step of report.steps) {
        if (UNCHANGED_OPS.includes(step.op) || (step.type === STACK_TYPE && step.op === "update")) {
            continue;
        }
        if (step.op !== "update") {
            problems.push(`${step.op} ${step.type} ${nameOf(step.urn)}`);
        } else if (!FLIP_RESOURCE_TYPES.includes(step.type)) {
            problems.push(`update of ${step.type} ${nameOf(step.urn)}`);
        } else if (step.replaces.length > 0) {
            problems.push(`update of ${step.type} ${nameOf(step.urn)} replaces ${step.replaces.join(", ")}`);
        }
    }
    for (const [op, count] of Object.entries(report.changeSummary)) {
        if (count > 0 && !UNCHANGED_OPS.includes(op) && op !== "update") {
            problems.push(`${count} x ${op} in the change summary`);
        }
    }
    if (problems.length > 0) {
        return refuse("safe-preview", `the preview is not a safe flip: ${[...new Set(problems)].join("; ")}`);
    }
    const updates = report.steps.filter((s) => s.op === "update" && s.type !== STACK_TYPE).length;
    return pass("safe-preview", `the preview updates ${updates} DNS record(s)/parameter(s) in place and nothing else`);
}

function nameOf(urn: string): string {
    return urn.split("::").pop() ?? urn;
}
