import { pass, refuse, Verdict } from "./verdict";

export interface HealthSample {
    /** When the sample was taken, ms since the epoch. */
    readonly at: number;
    readonly healthy: boolean;
    /** Why it was unhealthy. */
    readonly detail?: string;
}

/**
 * Failback only after the home site has been healthy for the whole window: samples no further apart
 * than `sampleSeconds` (plus slack for probe time) that cover `[now - window, now]`, every one healthy.
 * One good probe is not enough.
 */
export function checkFailbackWindow(samples: readonly HealthSample[], nowMs: number, windowSeconds: number, sampleSeconds: number): Verdict {
    const sorted = [...samples].sort((a, b) => a.at - b.at);
    const bad = sorted.filter((s) => !s.healthy);
    if (sorted.length === 0) {
        return refuse("failback-window", "no health samples of the home site");
    }
    if (bad.length > 0) {
        const last = bad[bad.length - 1];
        const taken = `${bad.length} of the ${sorted.length} sample(s) taken (the ${windowSeconds}s window needs ${samplesForWindow(windowSeconds, sampleSeconds)})`;
        return refuse("failback-window", `home site was unhealthy in ${taken}; last unhealthy at ${new Date(last.at).toISOString()}: ${last.detail ?? "unhealthy"}`);
    }
    const covered = (nowMs - sorted[0].at) / 1000;
    if (covered < windowSeconds) {
        return refuse("failback-window", `home site has been healthy for ${Math.floor(covered)}s of the required ${windowSeconds}s window`);
    }
    const maxGapSeconds = sampleSeconds * 1.5 + 1;
    for (let i = 1; i < sorted.length; i++) {
        const gap = (sorted[i].at - sorted[i - 1].at) / 1000;
        if (gap > maxGapSeconds) {
            return refuse("failback-window", `health samples have a ${Math.round(gap)}s gap (sampling every ${sampleSeconds}s); the window is not covered`);
        }
    }
    if ((nowMs - sorted[sorted.length - 1].at) / 1000 > maxGapSeconds) {
        return refuse("failback-window", "the latest health sample is too old");
    }
    return pass("failback-window", `home site healthy in all ${sorted.length} samples over ${windowSeconds}s`);
}

/** How many samples cover a window, taken every `sampleSeconds`, first at 0 and last at the window's end. */
export function samplesForWindow(windowSeconds: number, sampleSeconds: number): number {
    return Math.floor(windowSeconds / sampleSeconds) + 1;
}
