/** Small statistics for benchmark samples (milliseconds). */

export function percentile(samples: readonly number[], p: number): number {
    if (samples.length === 0) {
        throw new Error("no samples");
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length) - 1;
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function median(samples: readonly number[]): number {
    return percentile(samples, 50);
}

/**
 * Least-squares slope and the worst relative deviation from the fitted line, for "is growth linear".
 * Growth is called linear when the largest point sits within `tolerance` of the line through the others.
 */
export function linearFit(points: ReadonlyArray<{ x: number; y: number }>): { slope: number; intercept: number; maxRelativeResidual: number } {
    const n = points.length;
    const mx = points.reduce((s, p) => s + p.x, 0) / n;
    const my = points.reduce((s, p) => s + p.y, 0) / n;
    const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
    const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
    const slope = sxx === 0 ? 0 : sxy / sxx;
    const intercept = my - slope * mx;
    const maxRelativeResidual = Math.max(...points.map((p) => Math.abs(p.y - (slope * p.x + intercept)) / Math.max(p.y, 1e-9)));
    return { slope, intercept, maxRelativeResidual };
}
