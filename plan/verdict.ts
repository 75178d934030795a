import { StackDiff } from "./diff";

export type VerdictLabel = "no change" | "safe flip" | "unsafe";

export interface Verdict {
    readonly label: VerdictLabel;
    readonly safe: boolean;
    /** Why it is unsafe, one line per finding; empty when safe. */
    readonly reasons: readonly string[];
}

/**
 * A safe flip creates, deletes and replaces nothing, touches no stateful resource, changes no property the
 * replacement table marks unsafe, and changes only types the table knows (so in-place is a fact, not a guess).
 */
export function verdictOf(diff: StackDiff): Verdict {
    const reasons: string[] = [];
    for (const r of diff.created) {
        reasons.push(`creates ${r.type} "${r.name}"`);
    }
    for (const r of diff.deleted) {
        reasons.push(`deletes ${r.type} "${r.name}"`);
    }
    for (const r of diff.updated) {
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
    }
    const nothing = diff.created.length === 0 && diff.deleted.length === 0 && diff.updated.length === 0;
    if (nothing) {
        return { label: "no change", safe: true, reasons: [] };
    }
    return reasons.length === 0 ? { label: "safe flip", safe: true, reasons } : { label: "unsafe", safe: false, reasons };
}
