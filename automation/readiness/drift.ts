import { driftLines, refreshTargets } from "../flipTargets";
import { fail, pass, ReadinessCheck } from "./check";

/**
 * The resources a flip touches (`refreshTargets`: the same URNs the flip refreshes) read from the clouds by a
 * refresh in preview mode (`refresh --preview-only --target ...`): nothing is written to the state. Any difference
 * is a hand edit the next flip would have to work from.
 */
export const driftCheck: ReadinessCheck = {
    name: "drift",
    description: "the resources a flip touches match the state (refresh preview, nothing written)",
    async run({ ctx }) {
        const targets = refreshTargets(await ctx.stack.resources());
        if (targets.length === 0) {
            return fail("the stack's state holds none of the resources a flip touches (has it been deployed?)");
        }
        const lines = driftLines((await ctx.stack.refresh(targets, true)).drifted);
        return lines.length === 0
            ? pass(`no drift in the ${targets.length} resources a flip touches`)
            : fail(`${lines.length} change(s) made outside Pulumi to what a flip touches`, lines);
    },
};
