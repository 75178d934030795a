import { evaluateStack } from "../offline";
import { diffEvaluations } from "../plan/diff";
import { verdictOf } from "../plan/verdict";
import { parseDrConfig, rawConfigOf, readStackConfig } from "../topology";

export interface FlipBlastRadius {
    readonly stack: string;
    readonly flip: string;
    readonly changed: number;
    readonly created: number;
    readonly deleted: number;
    readonly replaced: number;
    readonly changedTypes: string[];
    readonly verdict: string;
}

/** Every flip of a stack: activeSite both ways, and moving the Linode active region to each other region. */
export async function flipsOf(stack: string): Promise<FlipBlastRadius[]> {
    const cfg = parseDrConfig(rawConfigOf(readStackConfig(stack).values));
    const flips: { flip: string; from: Record<string, string>; to: Record<string, string> }[] = [
        { flip: "activeSite gcp -> linode", from: { activeSite: "gcp" }, to: { activeSite: "linode" } },
        { flip: "activeSite linode -> gcp", from: { activeSite: "linode" }, to: { activeSite: "gcp" } },
        ...cfg.linode.regions
            .filter((r) => r !== cfg.linodeActiveRegion)
            .map((r) => ({ flip: `linodeActiveRegion ${cfg.linodeActiveRegion} -> ${r}`, from: {}, to: { linodeActiveRegion: r } })),
    ];
    const results: FlipBlastRadius[] = [];
    for (const { flip, from, to } of flips) {
        const before = await evaluateStack(stack, { overrides: from });
        const after = await evaluateStack(stack, { overrides: { ...from, ...to } });
        const diff = diffEvaluations(before, after);
        results.push({
            stack,
            flip,
            changed: diff.updated.length,
            created: diff.created.length,
            deleted: diff.deleted.length,
            replaced: diff.updated.filter((u) => u.action === "replace").length,
            changedTypes: diff.updated.map((u) => u.type).sort(),
            verdict: verdictOf(diff).label,
        });
    }
    return results;
}
