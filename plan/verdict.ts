import { flipProblems, flipTouches, ResourceChange } from "../topology";
import { ResourceUpdate, StackDiff } from "./diff";

export type VerdictLabel = "no change" | "safe flip" | "unsafe";

export interface Verdict {
    readonly label: VerdictLabel;
    readonly safe: boolean;
    /** Why it is unsafe, one line per finding; empty when safe. */
    readonly reasons: readonly string[];
}

/**
 * A safe flip is what `topology/flipSafety.ts` says it is: nothing created, deleted or replaced, and only the
 * flip's properties of the flip's types updated. The replacement table explains why a change is not one
 * (which property forces a replacement, with its source); the definition decides.
 */
export function verdictOf(diff: StackDiff): Verdict {
    const touches = flipTouches();
    const reasons: string[] = [];
    for (const r of diff.created) {
        reasons.push(`creates ${r.type} "${r.name}"`);
    }
    for (const r of diff.deleted) {
        reasons.push(`deletes ${r.type} "${r.name}"`);
    }
    for (const r of diff.updated) {
        const problems = flipProblems(resourceChangeOf(r), touches);
        if (problems.length > 0) {
            const explained = tableReasons(r);
            reasons.push(...(explained.length > 0 ? explained : problems));
        }
    }
    const nothing = diff.created.length === 0 && diff.deleted.length === 0 && diff.updated.length === 0;
    if (nothing) {
        return { label: "no change", safe: true, reasons: [] };
    }
    return reasons.length === 0 ? { label: "safe flip", safe: true, reasons } : { label: "unsafe", safe: false, reasons };
}

/** The offline diff's view of one updated resource, as the flip definition reads it. */
export function resourceChangeOf(r: ResourceUpdate): ResourceChange {
    return {
        op: "update",
        type: r.type,
        name: r.name,
        paths: r.changes.map((c) => c.path),
        replaces: r.changes.filter((c) => c.rule?.effect === "replace").map((c) => c.path),
    };
}

function tableReasons(r: ResourceUpdate): string[] {
    const reasons: string[] = [];
    for (const c of r.changes) {
        if (c.rule?.effect === "replace") {
            reasons.push(`replaces ${r.type} "${r.name}": ${c.path} forces replacement (${c.rule.source})`);
        } else if (c.rule?.effect === "unsafe") {
            reasons.push(`changes ${c.path} of ${r.type} "${r.name}" (${c.rule.source})`);
        }
    }
    if (r.stateful) {
        reasons.push(`changes stateful ${r.type} "${r.name}" (${r.changes.map((c) => c.path).join(", ")})`);
    } else if (!r.catalogued) {
        reasons.push(`changes ${r.type} "${r.name}", a type with no entry in the replacement table`);
    }
    return reasons;
}
