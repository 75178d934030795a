import { linodeEndpoint } from "../../topology";
import { CheckOutcome, fail, hostOfUrl, pass, ReadinessCheck, ReadinessInput, skipped } from "./check";
import { ComputeApi } from "./gcpComputeApi";
import { gcpCapacityOutcome, RegionHealth, servingRegions } from "./gcpCapacity";
import { LinodeApi } from "./linodeApi";

/**
 * The standby can take the traffic: the backends its load balancer sees running and healthy, against config.
 * Linode: the NodeBalancer of the deployed Linode region (found by its address in the stack outputs), each config
 * (port) with `nodes_status.up` at least `linode.instancesPerRegion` (every instance is a node of every config).
 * GCP: `backendServices.getHealth` of the load balancer's backend service for each zonal instance group of every
 * serving region (the `gcpBackends` output), HEALTHY instances at least `requiredHealthyBackends` per region.
 */
export const standbyCapacityCheck: ReadinessCheck = {
    name: "standby-capacity",
    description: "the standby site's load balancer has its configured backends up",
    async run(input) {
        if (input.standbySite === "linode") {
            const api = input.env.capacity.linode;
            return "unavailable" in api ? skipped(api.unavailable) : linodeCapacity(input, api);
        }
        const api = input.env.capacity.gcp;
        return "unavailable" in api ? skipped(api.unavailable) : gcpCapacity(input, api);
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

async function gcpCapacity({ state }: ReadinessInput, api: ComputeApi): Promise<CheckOutcome> {
    const backends = state.outputs.gcpBackends;
    if (!backends) {
        return skipped("the stack outputs have no gcpBackends (deployed before they were exported; the next update adds them)");
    }
    const { serving } = servingRegions(state.cfg.gcp);
    const missing = serving.filter((r) => !backends.instanceGroups[r.name]?.length).map((r) => r.name);
    if (missing.length > 0) {
        return fail(`no instance groups for ${missing.join(", ")} in the stack outputs (gcpBackends): is the region deployed?`);
    }
    // One request at a time: a handful of groups, and the order stays the config's.
    const health: RegionHealth[] = [];
    for (const region of serving) {
        const groups = [];
        for (const group of backends.instanceGroups[region.name]) {
            const statuses = await api.backendHealth(backends.project, backends.backendService, group);
            groups.push({ group, healthy: statuses.filter((s) => s.healthState === "HEALTHY").length, total: statuses.length });
        }
        health.push({ region: region.name, groups });
    }
    return gcpCapacityOutcome(state.cfg.gcp, health);
}
