import { PreviewStep } from "../stackAdapter";

export interface StackPreview {
    readonly step: string;
    readonly stack: string;
    readonly steps: readonly PreviewStep[];
}

export interface BlastRadius {
    readonly stacks: number;
    /** Resource changes by op, over every stack and step. */
    readonly byOp: Readonly<Record<string, number>>;
    /** `op type` -> count. */
    readonly byType: Readonly<Record<string, number>>;
    readonly lines: readonly string[];
}

const IGNORED = ["same", "read"];

/** The combined blast radius of a dry run: every previewed change, counted by op and by resource type. */
export function combineBlastRadius(previews: readonly StackPreview[]): BlastRadius {
    const byOp: Record<string, number> = {};
    const byType: Record<string, number> = {};
    const stacks = new Set<string>();
    const lines: string[] = [];
    for (const preview of previews) {
        const changes = preview.steps.filter((s) => !IGNORED.includes(s.op) && s.type !== "pulumi:pulumi:Stack");
        if (changes.length > 0) {
            stacks.add(preview.stack);
        }
        for (const change of changes) {
            byOp[change.op] = (byOp[change.op] ?? 0) + 1;
            byType[`${change.op} ${change.type}`] = (byType[`${change.op} ${change.type}`] ?? 0) + 1;
            lines.push(`${preview.step} [${preview.stack}] ${change.op} ${change.type} ${change.urn.split("::").pop()}${change.diffs.length ? ` (${change.diffs.join(", ")})` : ""}`);
        }
    }
    return { stacks: stacks.size, byOp, byType, lines };
}

export function blastRadiusSummary(radius: BlastRadius): string {
    const ops = Object.entries(radius.byOp).map(([op, n]) => `${n} ${op}`);
    return ops.length === 0 ? "blast radius: no resource changes" : `blast radius: ${ops.join(", ")} over ${radius.stacks} stack(s)`;
}
