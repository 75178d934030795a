import { evidenceOf } from "../audit";
import { checkFailbackWindow, HealthSample, samplesForWindow } from "./failbackWindow";
import type { FlipRule } from "./rule";
import { checkTargetHealth } from "./targetHealth";

/** Failback: samples the home site over the window (stopping at the first bad sample); never forced. */
export const failbackWindowRule: FlipRule = {
    name: "failback-window",
    phase: "before-preview",
    appliesTo: (flip) => flip.sampledWindow,
    check: async ({ ctx, state, requiredProbes, target, health }) => {
        const { failbackWindowSeconds: window, failbackSampleSeconds: every } = state.cfg.failover;
        const count = samplesForWindow(window, every);
        const samples: HealthSample[] = [];
        ctx.log(`sampling ${target} health ${count} time(s), every ${every}s over ${window}s, before failing back`);
        for (let i = 0; i < count; i++) {
            if (i > 0) {
                await ctx.clock.sleep(every * 1000);
            }
            const at = ctx.clock.now();
            const results = await ctx.probe(state, requiredProbes);
            const verdict = checkTargetHealth(results, requiredProbes, target, false);
            samples.push({ at, healthy: verdict.ok, detail: verdict.message });
            health.push(...evidenceOf(results, at));
            if (!verdict.ok) {
                break; // one bad sample already fails the window
            }
        }
        return checkFailbackWindow(samples, ctx.clock.now(), window, every);
    },
};
