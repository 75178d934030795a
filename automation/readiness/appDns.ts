import { fail, hostOfUrl, pass, ReadinessCheck } from "./check";

/**
 * The app hostname's A answers from the resolver equal what the stack deployed: the active site's endpoint
 * address (`siteEndpoints` output). Route 53 answers with the SECONDARY only when the PRIMARY's health check
 * fails, so any other answer means Route 53 has already moved traffic, or a record was changed by hand.
 */
export const appDnsCheck: ReadinessCheck = {
    name: "app-dns",
    description: "the app hostname resolves to the active site's endpoint address",
    async run({ env, state, activeSite }) {
        const hostname = state.outputs.appHostname ?? state.cfg.dns.appHostname;
        const expected = hostOfUrl(state.outputs.siteEndpoints[activeSite]);
        if (!expected) {
            return fail(`no endpoint for the active site ${activeSite} in the stack outputs (has the stack been deployed?)`);
        }
        const answer = await env.resolve(hostname);
        if (!answer.ok) {
            return fail(`${hostname} did not resolve @${answer.server}: ${answer.detail}`);
        }
        const evidence = [`${hostname} A @${answer.server}: ${answer.addresses.join(", ")}`];
        const matches = answer.addresses.length > 0 && answer.addresses.every((a) => a === expected);
        return matches
            ? pass(`${hostname} resolves to ${expected} (${activeSite})`, evidence)
            : fail(`${hostname} resolves to ${answer.addresses.join(", ")}, not ${activeSite}'s ${expected}`, evidence);
    },
};
