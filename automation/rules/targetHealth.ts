import { evidenceOf } from "../audit";
import { ProbeResult } from "../probes/types";
import type { FlipRule } from "./rule";
import { overrideIfForced, pass, refuse, Verdict } from "./verdict";

/** No flip to a target whose probes fail, unless forced. A required probe that did not run counts as failed. */
export function checkTargetHealth(results: readonly ProbeResult[], required: readonly string[], target: string, force: boolean): Verdict {
    const failures = required
        .map((name) => results.find((r) => r.name === name) ?? missing(name))
        .filter((r) => !r.ok);
    if (failures.length === 0) {
        return pass("target-health", `${target} is healthy (${required.join(", ")})`);
    }
    const why = failures.map((f) => `${f.name}: ${f.detail}`).join("; ");
    return overrideIfForced(refuse("target-health", `${target} is unhealthy: ${why}`), force);
}

/** One probe round of the target (failover, linode-region); a failback samples a window instead. */
export const targetHealthRule: FlipRule = {
    name: "target-health",
    phase: "before-preview",
    refusalHint: "use --force with --reason to override",
    appliesTo: (flip) => !flip.sampledWindow,
    check: async ({ ctx, state, requiredProbes, target, force, health }) => {
        const results = await ctx.probe(state);
        health.push(...evidenceOf(results, ctx.clock.now()));
        return checkTargetHealth(results, requiredProbes, target, force);
    },
};

function missing(name: string): ProbeResult {
    return { name, kind: "http", target: "", ok: false, status: "error", detail: "not probed", ms: 0 };
}
