import { allEndpoints } from "../../topology";
import { endpointProbeName } from "../probes/plan";
import { fail, pass, ReadinessCheck } from "./check";

/** Every site endpoint's `/health`, which the site agent answers (app, published parameter and canary item all readable). */
export const endpointHealthCheck: ReadinessCheck = {
    name: "endpoints",
    description: "every site endpoint answers healthy through its site agent",
    async run({ ctx, state }) {
        const names = allEndpoints(state.cfg).map(endpointProbeName);
        const results = await ctx.probe(state, names);
        const evidence = names.map((name) => {
            const r = results.find((x) => x.name === name);
            return r ? `${name}: ${r.status} (${r.detail})` : `${name}: not probed`;
        });
        const bad = names.filter((name) => !results.find((r) => r.name === name)?.ok);
        return bad.length === 0 ? pass(`all ${names.length} endpoints healthy`, evidence) : fail(`unhealthy: ${bad.join(", ")}`, evidence);
    },
};
