import { flipTouches } from "../topology";
import { escapeControl } from "./terminalText";
import type { PreviewReport, PreviewStep, StackResource } from "./stackAdapter";

export const STACK_TYPE = "pulumi:pulumi:Stack";
/** Ops that leave a resource alone. */
export const UNCHANGED_OPS = ["same", "read"];

/**
 * What a flip refreshes before its preview: every resource in the stack's state whose type a flip may touch
 * (`topology/flipSafety.ts`: the Route 53 records, SSM parameters and each site's own, e.g. the Linode record).
 * From the state rather than from a preview: the refresh must come first, and the state holds the real URNs
 * (parents and all), whatever the program declares now.
 */
export function refreshTargets(resources: readonly StackResource[], touches: ReadonlyMap<string, readonly string[]> = flipTouches()): string[] {
    return [...new Set(resources.filter((r) => touches.has(r.type)).map((r) => r.urn))];
}

/**
 * What the flip's `up` targets: the URNs the judged preview showed changing, so the engine itself holds the
 * update to that blast radius. Stack outputs (which `status` reads as the deployed value) are still written:
 * the engine always targets the root stack resource in a targeted update (pulumi/pulumi#12834, "engine now
 * always targets stack resource during updates", merged 2023-05, pkg/resource/deploy/step_generator.go).
 * When nothing but the outputs changes, the target is the stack resource alone: an empty list would mean no
 * `--target` at all, an update of the whole stack.
 */
export function upTargets(preview: PreviewReport, stackUrn: string): string[] {
    const changed = preview.steps.filter((s) => !UNCHANGED_OPS.includes(s.op) && s.type !== STACK_TYPE).map((s) => s.urn);
    return changed.length > 0 ? [...new Set(changed)] : [stackUrn];
}

/** The root stack resource's URN, as the engine names it. */
export function stackUrnOf(resources: readonly StackResource[], stack: string, project: string): string {
    return resources.find((r) => r.type === STACK_TYPE)?.urn ?? `urn:pulumi:${stack}::${project}::${STACK_TYPE}::${project}-${stack}`;
}

/**
 * One line per drifted resource and property, from a refresh's steps: what someone changed outside Pulumi
 * (a console edit during an incident). A resource gone from the cloud is one line.
 */
export function driftLines(steps: readonly PreviewStep[]): string[] {
    const lines: string[] = [];
    for (const step of steps) {
        const what = `${step.type} "${step.urn.split("::").pop() ?? step.urn}"`;
        if (step.op === "delete" || step.op === "discard") {
            lines.push(`drift: ${what} no longer exists (deleted outside Pulumi)`);
            continue;
        }
        for (const property of topLevelDiffs(step.diffs)) {
            lines.push(`drift: ${what} ${property} was changed outside Pulumi`);
        }
    }
    // URNs and property names come from the state: never raw to a terminal or the audit log.
    return lines.map(escapeControl);
}

/** `records` and `records[0]` are one property. */
function topLevelDiffs(diffs: readonly string[]): string[] {
    return [...new Set(diffs.map((d) => d.split(/[.[]/)[0]))];
}
