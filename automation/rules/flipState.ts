/**
 * Where a switch stands relative to a target. "converge": config already says the target but the last
 * successful update did not (a failed `up`), so the flip is resumed rather than skipped.
 */
export type FlipState = "at-target" | "converge" | "flip";

export function flipState(configured: string, deployed: string | undefined, target: string): FlipState {
    if (configured !== target) {
        return "flip";
    }
    return deployed === undefined || deployed === target ? "at-target" : "converge";
}
