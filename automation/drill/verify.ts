import { Site, siteEndpoint } from "../../topology";
import { evidenceOf, ProbeEvidence } from "../audit";
import { DrContext } from "../operations/context";
import { endpointProbeName, ProbeEnvironment } from "../probes/plan";
import { httpProbe } from "../probes/http";
import { ProbeResult, result } from "../probes/types";
import { readStackState, StackState } from "../stackState";
import { HostResolver } from "./resolver";

export interface VerifyEnvironment {
    readonly probeEnv: ProbeEnvironment;
    readonly resolve: HostResolver;
    /** Seconds between attempts while DNS catches up. */
    readonly pollSeconds: number;
    /** Give up after this long. */
    readonly timeoutSeconds: number;
}

export interface VerifyOutcome {
    readonly ok: boolean;
    readonly message: string;
    readonly attempts: number;
    /** The last attempt's checks (and the first failing attempt's, when they differ in outcome). */
    readonly evidence: readonly ProbeEvidence[];
}

export const DNS_CHECK_NAME = "dns";
export const APP_VIA_DNS_NAME = "app-via-dns";

/**
 * Traffic is on `site` when: its endpoint answers healthy, the app hostname resolves to that endpoint's
 * address, and the address it resolves to answers healthy for the app hostname. Retried every
 * `pollSeconds` (DNS takes a TTL to follow) until it holds or `timeoutSeconds` have passed.
 */
export async function verifySite(ctx: DrContext, env: VerifyEnvironment, site: Site): Promise<VerifyOutcome> {
    const state = await readStackState(ctx.stack);
    const started = ctx.clock.now();
    let attempts = 0;
    for (;;) {
        attempts++;
        const at = ctx.clock.now();
        const checks = await checkOnce(ctx, env, state, site);
        const failed = checks.filter((c) => !c.ok);
        const evidence = evidenceOf(checks, at);
        if (failed.length === 0) {
            return { ok: true, attempts, evidence, message: `traffic reaches ${site}: endpoint healthy, ${hostnameOf(state)} resolves to it and answers (attempt ${attempts})` };
        }
        const elapsedSeconds = (ctx.clock.now() - started) / 1000;
        if (elapsedSeconds + env.pollSeconds > env.timeoutSeconds) {
            const why = failed.map((c) => `${c.name}: ${c.detail}`).join("; ");
            return { ok: false, attempts, evidence, message: `traffic does not reach ${site} after ${attempts} attempt(s) over ${Math.round(elapsedSeconds)}s: ${why}` };
        }
        await ctx.clock.sleep(env.pollSeconds * 1000);
    }
}

function hostnameOf(state: StackState): string {
    return state.outputs.appHostname ?? state.cfg.dns.appHostname;
}

async function checkOnce(ctx: DrContext, env: VerifyEnvironment, state: StackState, site: Site): Promise<ProbeResult[]> {
    const { cfg, outputs } = state;
    const hostname = hostnameOf(state);
    const endpoint = siteEndpoint(cfg, site);
    const endpointName = endpointProbeName(endpoint);
    const [endpointResult] = await ctx.probe(state, [endpointName]);
    const endpointCheck = endpointResult ?? result({ name: endpointName, kind: "http", target: "(none)" }, "error", "not probed", 0);
    const endpointUrl = parseUrl(outputs.healthEndpoints[endpoint]);
    const dnsCheckBase = { name: DNS_CHECK_NAME, kind: "http" as const, target: `${hostname} A` };
    const viaDnsBase = { name: APP_VIA_DNS_NAME, kind: "http" as const, target: `${hostname} via DNS` };
    if (!endpointUrl) {
        const missing = `no health endpoint for ${endpoint} in the stack outputs`;
        return [endpointCheck, result(dnsCheckBase, "error", missing, 0), result(viaDnsBase, "error", missing, 0)];
    }
    const expected = endpointUrl.hostname.replace(/^\[|\]$/g, "");
    const started = Date.now();
    const resolution = await env.resolve(hostname);
    const dnsTarget = { ...dnsCheckBase, target: `${hostname} A @${resolution.server}` };
    if (!resolution.ok) {
        return [endpointCheck, result(dnsTarget, "error", resolution.detail, Date.now() - started), result(viaDnsBase, "error", "not probed: the hostname did not resolve", 0)];
    }
    const answers = resolution.addresses.join(", ") || "nothing";
    const pointsAtSite = resolution.addresses.includes(expected);
    const dnsCheck = pointsAtSite
        ? result(dnsTarget, "healthy", `resolves to ${answers} (${site}: ${expected})`, Date.now() - started)
        : result(dnsTarget, "unhealthy", `resolves to ${answers}, not ${site}'s ${expected}`, Date.now() - started);
    const address = pointsAtSite ? expected : resolution.addresses[0];
    if (!address) {
        return [endpointCheck, dnsCheck, result(viaDnsBase, "error", "not probed: no address", 0)];
    }
    const host = address.includes(":") ? `[${address}]` : address;
    const probe = httpProbe({
        name: APP_VIA_DNS_NAME,
        url: `${endpointUrl.protocol}//${host}${endpointUrl.port ? `:${endpointUrl.port}` : ""}${cfg.healthCheck.path}`,
        hostname,
        expectedBody: cfg.healthCheck.expectedBody,
        timeoutMs: cfg.failover.probeTimeoutMs,
        ca: env.probeEnv.ca,
        scope: env.probeEnv.scope,
    });
    const viaDns = await probe.run(AbortSignal.timeout(cfg.failover.probeDeadlineMs));
    return [endpointCheck, dnsCheck, viaDns];
}

function parseUrl(text: string | undefined): URL | undefined {
    try {
        return text ? new URL(text) : undefined;
    } catch {
        return undefined;
    }
}
