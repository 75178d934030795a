/**
 * Where a switch stands relative to a target. "converge": config already says the target but the last
 * successful update did not (a failed `up`), so the flip is resumed rather than skipped. "undo": config says
 * something else after a failed `up`, and the target is what is still deployed: the flip goes back.
 */
export type FlipState = "at-target" | "converge" | "undo" | "flip";

export function flipState(configured: string, deployed: string | undefined, target: string): FlipState {
    if (configured !== target) {
        return deployed !== undefined && deployed === target ? "undo" : "flip";
    }
    return deployed === undefined || deployed === target ? "at-target" : "converge";
}
