import { linodeEndpoint } from "../../topology";
import { CheckOutcome, fail, hostOfUrl, pass, ReadinessCheck, ReadinessInput, skipped } from "./check";
import { LinodeApi } from "./linodeApi";

/**
 * The standby can take the traffic: the backends its load balancer sees running and healthy, against config.
 * Linode: the NodeBalancer of the deployed Linode region (found by its address in the stack outputs), each config
 * (port) with `nodes_status.up` at least `linode.instancesPerRegion` (every instance is a node of every config).
 */
export const standbyCapacityCheck: ReadinessCheck = {
    name: "standby-capacity",
    description: "the standby site's load balancer has its configured backends up",
    async run(input) {
        if (input.standbySite === "linode") {
            const api = input.env.capacity.linode;
            return "unavailable" in api ? skipped(api.unavailable) : linodeCapacity(input, api);
        }
        // GCP's answer is `backendServices.getHealth` (compute v1) per instance group of the backend service; the
        // stack does not export the backend service's (auto-generated) name yet, so it is not asked.
        return skipped(`the capacity of a ${input.standbySite} standby is not checked yet (only a Linode standby's NodeBalancer is)`);
    },
};

async function linodeCapacity({ state, linodeRegion }: ReadinessInput, api: LinodeApi): Promise<CheckOutcome> {
    const address = hostOfUrl(state.outputs.healthEndpoints[linodeEndpoint(linodeRegion)]);
    if (!address) {
        return fail(`no NodeBalancer address for ${linodeRegion} in the stack outputs`);
    }
    const nodeBalancer = (await api.nodeBalancers()).find((nb) => nb.ipv4 === address);
    if (!nodeBalancer) {
        return fail(`no NodeBalancer with address ${address} (${linodeRegion}) in the Linode account`);
    }
    const configs = await api.configs(nodeBalancer.id);
    const expected = state.cfg.linode.instancesPerRegion;
    const evidence = configs.map((c) => `NodeBalancer ${nodeBalancer.label} (${nodeBalancer.id}) port ${c.port}/${c.protocol}: ${c.up} up, ${c.down} down (config: ${expected})`);
    if (configs.length === 0) {
        return fail(`NodeBalancer ${nodeBalancer.label} has no configs: it serves nothing`);
    }
    const short = configs.filter((c) => c.up < expected);
    return short.length === 0
        ? pass(`linode ${linodeRegion}: ${expected} of ${expected} backends up on each of ${configs.length} port(s)`, evidence)
        : fail(`linode ${linodeRegion}: ${short.map((c) => `port ${c.port} has ${c.up} of ${expected} backends up`).join("; ")}`, evidence);
}
