import { Evaluation, evaluateStack } from "../../offline";
import { diffEvaluations, StackDiff } from "../../plan/diff";
import { PreviewReport, PreviewStep, StackResource } from "../stackAdapter";

/**
 * The preview report the engine would give for a config change of a project stack, built from the offline
 * diff of the real program before and after it: the same URNs, types and changed properties a real preview
 * reports, so fakes cannot drift from what the program declares.
 */
export async function previewOfConfigChange(stack: string, deployed: Record<string, string>, proposed: Record<string, string>): Promise<PreviewReport> {
    const before = await evaluateCached(stack, deployed);
    const after = await evaluateCached(stack, proposed);
    const steps = previewStepsOf(diffEvaluations(before, after));
    return { changeSummary: changeSummaryOf(after.resources.length, steps), steps };
}

/** The resources a stack's state would hold after an update with this config (URN and type), by the real program. */
export async function resourcesOf(stack: string, deployed: Record<string, string>): Promise<StackResource[]> {
    return (await evaluateCached(stack, deployed)).resources.map((r) => ({ urn: r.urn, type: r.type }));
}

/** A report with more steps (a replacement, to test the safe-flip rule), counted in its change summary. */
export function withExtraSteps(report: PreviewReport, extra: readonly PreviewStep[]): PreviewReport {
    const changeSummary = { ...report.changeSummary };
    for (const s of extra) {
        changeSummary[s.op] = (changeSummary[s.op] ?? 0) + 1;
        if (s.op !== "create") {
            changeSummary.same = (changeSummary.same ?? 0) - 1;
        }
    }
    return { changeSummary, steps: [...report.steps, ...extra] };
}

/** One step per created, deleted or updated resource, as the Automation API's resource-pre events describe them. */
export function previewStepsOf(diff: StackDiff): PreviewStep[] {
    const step = (op: string, urn: string, type: string, diffs: string[] = [], replaces: string[] = []): PreviewStep => ({ op, urn, type, diffs, replaces });
    return [
        ...diff.created.map((r) => step("create", r.urn, r.type)),
        ...diff.deleted.map((r) => step("delete", r.urn, r.type)),
        ...diff.updated.map((r) => {
            const paths = r.changes.map((c) => c.path);
            // Like the engine: top-level names (`diffs`) and the detailed diff's paths (`detailedDiff` keys).
            const diffs = [...new Set([...paths.map(topLevel), ...paths])];
            const replaces = [...new Set(r.changes.filter((c) => c.rule?.effect === "replace").map((c) => topLevel(c.path)))];
            return step(r.action, r.urn, r.type, diffs, replaces);
        }),
    ];
}

function changeSummaryOf(resources: number, steps: readonly PreviewStep[]): Record<string, number> {
    const summary: Record<string, number> = { same: resources - steps.filter((s) => s.op !== "create").length };
    for (const s of steps) {
        summary[s.op] = (summary[s.op] ?? 0) + 1;
    }
    return summary;
}

function topLevel(path: string): string {
    return path.split(/[.[]/)[0];
}

// An evaluation takes about a second; tests flip the same stacks between the same configs many times.
const cache = new Map<string, Promise<Evaluation>>();

function evaluateCached(stack: string, overrides: Record<string, string>): Promise<Evaluation> {
    const key = JSON.stringify([stack, Object.entries(overrides).sort(([a], [b]) => a.localeCompare(b))]);
    let evaluation = cache.get(key);
    if (!evaluation) {
        evaluation = evaluateStack(stack, { overrides });
        evaluation.catch(() => cache.delete(key));
        cache.set(key, evaluation);
    }
    return evaluation;
}
