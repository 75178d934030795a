import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { allEndpoints, DrConfig, EndpointId, Site, siteEndpoint, SITES } from "../../topology";
import { StackState } from "../stackState";
import { ProbeScope } from "./addressGuard";
import { dynamoProbe } from "./dynamo";
import { dynamodbEndpointFor, DynamoEndpoints } from "./dynamoEndpoints";
import { httpProbe } from "./http";
import { Probe, result } from "./types";

/** `DynamoEndpoints`: endpoint overrides for DynamoDB (a local DynamoDB, one for all regions or one per region). */
export interface ProbeEnvironment extends DynamoEndpoints {
    readonly scope: ProbeScope;
    /** Extra CA certificates (PEM) for the HTTPS probes. */
    readonly ca?: string | Buffer;
    /** `host:port` -> `address:port`: where to connect for a hostname, like curl's --connect-to. */
    readonly connectTo?: Readonly<Record<string, string>>;
}

export const endpointProbeName = (endpoint: EndpointId): string => `endpoint:${endpoint}`;
export const dynamoProbeName = (site: Site): string => `dynamodb:${site}`;
export const APP_PROBE_NAME = "app-hostname";

/** The probes that must pass before traffic goes to `site`: its serving endpoint and its write region. */
export function requiredProbesForSite(cfg: DrConfig, site: Site): string[] {
    return [endpointProbeName(siteEndpoint(cfg, site)), dynamoProbeName(site)];
}

/**
 * Every probe of the estate, from the stack's outputs: each endpoint's `/health` (Host and SNI = the app
 * hostname), the DynamoDB table in each site's write region, and the app hostname itself.
 */
export function planProbes(state: Pick<StackState, "cfg" | "outputs">, env: ProbeEnvironment): Probe[] {
    const { cfg, outputs } = state;
    const timeoutMs = cfg.failover.probeTimeoutMs;
    const hostname = outputs.appHostname ?? cfg.dns.appHostname;
    const probes: Probe[] = allEndpoints(cfg).map((endpoint) => {
        const url = outputs.healthEndpoints[endpoint];
        const name = endpointProbeName(endpoint);
        return url
            ? httpProbe({ name, url, hostname, expectedBody: cfg.healthCheck.expectedBody, timeoutMs, ca: env.ca, scope: env.scope })
            : missingProbe(name, `no health endpoint for ${endpoint} in the stack outputs (has the stack been deployed?)`);
    });
    for (const site of SITES) {
        const region = outputs.writeRegions[site] ?? cfg.writeRegions[site];
        probes.push(
            dynamoProbe({
                name: dynamoProbeName(site),
                region,
                tableName: outputs.tableName ?? cfg.table.name,
                key: canaryKey(cfg),
                endpoint: dynamodbEndpointFor(env, region),
                timeoutMs,
                scope: env.scope,
            }),
        );
    }
    probes.push(appHostnameProbe(cfg, hostname, env));
    return probes;
}

function appHostnameProbe(cfg: DrConfig, hostname: string, env: ProbeEnvironment): Probe {
    const port = cfg.healthCheck.port;
    const scheme = port === 80 ? "http" : "https";
    const mapped = env.connectTo?.[`${hostname}:${port}`];
    const url = `${scheme}://${mapped ?? `${hostname}:${port}`}${cfg.healthCheck.path}`;
    return httpProbe({
        name: APP_PROBE_NAME,
        url,
        hostname: mapped ? hostname : undefined,
        expectedBody: cfg.healthCheck.expectedBody,
        timeoutMs: cfg.failover.probeTimeoutMs,
        ca: env.ca,
        scope: env.scope,
    });
}

export function canaryKey(cfg: Pick<DrConfig, "failover" | "table">): Record<string, AttributeValue> {
    const key: Record<string, AttributeValue> = {};
    for (const [name, value] of Object.entries(cfg.failover.canaryKey)) {
        const type = cfg.table.attributes.find((a) => a.name === name)?.type ?? "S";
        key[name] = type === "N" ? { N: value } : type === "B" ? { B: Buffer.from(value) } : { S: value };
    }
    return key;
}

function missingProbe(name: string, detail: string): Probe {
    const probe = { name, kind: "http" as const, target: "(none)" };
    return { ...probe, run: async () => result(probe, "error", detail, 0) };
}

/** Parses `host:port=address:port` pairs (comma separated). */
export function parseConnectTo(text: string | undefined): Record<string, string> {
    const map: Record<string, string> = {};
    for (const pair of (text ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
        const [from, to] = pair.split("=");
        if (!from || !to || !/:\d+$/.test(from) || !/:\d+$/.test(to)) {
            throw new Error(`connect-to "${pair}" must be host:port=address:port`);
        }
        map[from] = to;
    }
    return map;
}
