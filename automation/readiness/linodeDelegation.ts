import { LINODE_NAME_SERVERS, linodeEndpoint } from "../../topology";
import { fail, hostOfUrl, pass, ReadinessCheck } from "./check";
import { sameNames } from "./nameServers";

/**
 * The Linode zone is delegated from Route 53 (`index.ts`: an NS record set naming LINODE_NAME_SERVERS), and its
 * records resolve: the zone's NS answer is exactly Linode's name servers, and the app record in the zone
 * (`<appHost>.<linode zone>`) answers with the NodeBalancer of the deployed Linode region. A broken delegation
 * leaves the Linode site unreachable by name however healthy it is.
 */
export const linodeDelegationCheck: ReadinessCheck = {
    name: "linode-delegation",
    description: "the Linode zone's NS records are Linode's name servers, and its app record answers with the active NodeBalancer",
    async run({ env, state, linodeRegion }) {
        const zone = state.cfg.linode.dnsZone;
        const ns = await env.resolveNs(zone);
        if (!ns.ok) {
            return fail(`${zone} NS did not resolve @${ns.server}: ${ns.detail}`);
        }
        const evidence = [`${zone} NS @${ns.server}: ${ns.nameServers.join(", ") || "(none)"}`];
        if (!sameNames(ns.nameServers, LINODE_NAME_SERVERS)) {
            return fail(`${zone} is delegated to ${ns.nameServers.join(", ") || "nothing"}, not ${LINODE_NAME_SERVERS.join(", ")}`, evidence);
        }
        const record = `${state.cfg.dns.appHost}.${zone}`;
        const expected = hostOfUrl(state.outputs.healthEndpoints[linodeEndpoint(linodeRegion)]);
        if (!expected) {
            return fail(`no NodeBalancer address for ${linodeRegion} in the stack outputs`, evidence);
        }
        const answer = await env.resolve(record);
        if (!answer.ok) {
            return fail(`${record} did not resolve @${answer.server}: ${answer.detail}`, evidence);
        }
        evidence.push(`${record} A @${answer.server}: ${answer.addresses.join(", ")}`);
        return answer.addresses.length > 0 && answer.addresses.every((a) => a === expected)
            ? pass(`${zone} delegated to Linode; ${record} resolves to ${linodeRegion}'s NodeBalancer ${expected}`, evidence)
            : fail(`${record} resolves to ${answer.addresses.join(", ")}, not ${linodeRegion}'s NodeBalancer ${expected}`, evidence);
    },
};
