import { flipProblems, flipTouches, ResourceChange } from "../../topology";
import { STACK_TYPE, UNCHANGED_OPS } from "../flipTargets";
import { PreviewReport, PreviewStep } from "../stackAdapter";
import { pass, refuse, Verdict } from "./verdict";

/**
 * A flip's preview is safe when every step is what `topology/flipSafety.ts` calls a flip, and nothing else
 * changes. The stack resource itself only changes its outputs.
 */
export function checkSafePreview(report: PreviewReport): Verdict {
    const touches = flipTouches();
    const problems: string[] = [];
    for (const step of report.steps) {
        if (UNCHANGED_OPS.includes(step.op) || (step.type === STACK_TYPE && step.op === "update")) {
            continue;
        }
        problems.push(...flipProblems(resourceChangeOfStep(step), touches));
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

/** A preview step as the flip definition reads it: the engine's diffs (top-level names and detailed paths) and replace keys. */
export function resourceChangeOfStep(step: PreviewStep): ResourceChange {
    return { op: step.op, type: step.type, name: step.urn.split("::").pop() ?? step.urn, paths: step.diffs, replaces: step.replaces };
}
