import type { AppConfig } from "./config";
import { Site } from "./sites";

/** The app and agent containers a site runs, as both sites' workloads take them. */
export interface AppContainers {
    readonly appImage: string;
    readonly appPort: number;
    readonly appHealthPath: string;
    readonly appEnv: Readonly<Record<string, string>>;
    readonly agentImage: string;
    readonly agentPort: number;
}

export function appContainers(app: AppConfig): AppContainers {
    return { appImage: app.image, appPort: app.port, appHealthPath: app.healthPath, appEnv: app.env, agentImage: app.agentImage, agentPort: app.agentPort };
}

/**
 * The site agent's environment contract (agent/README.md, "Environment"), built the same way on both sites.
 * Nothing here depends on the active site: the agent reads it from SSM at run time, so a flip never changes a
 * workload.
 */
export interface AgentEnvInput {
    readonly site: Site;
    /** The AWS region nearest to the site; the agent reads the parameter there first. */
    readonly region: string;
    readonly table: string;
    readonly parameter: string;
    /** Every region holding the parameter (every table region). */
    readonly parameterRegions: readonly string[];
    /** The app's port and own health path, reached on loopback (same pod or instance). */
    readonly appPort: number;
    readonly appHealthPath: string;
    readonly agentPort: number;
    /** `healthCheck.path` and `healthCheck.expectedBody`: what every traffic-deciding check asks for. */
    readonly healthPath: string;
    readonly expectedBody: string;
    /** `failover.canaryKey`. */
    readonly canaryKey: Readonly<Record<string, string>>;
}

export const AGENT_ACTIVE_SITE_DIR = "/run/mcdr";

export function agentEnvironment(input: AgentEnvInput): Record<string, string> {
    if (!input.parameterRegions.includes(input.region)) {
        throw new Error(`agent region ${input.region} must be one of the parameter regions (${input.parameterRegions.join(", ")})`);
    }
    return {
        MCDR_SITE: input.site,
        MCDR_REGION: input.region,
        MCDR_TABLE: input.table,
        MCDR_PARAMETER: input.parameter,
        MCDR_PARAMETER_REGIONS: input.parameterRegions.join(","),
        MCDR_APP_HEALTH_URL: `http://127.0.0.1:${input.appPort}${input.appHealthPath}`,
        MCDR_LISTEN: `0.0.0.0:${input.agentPort}`,
        MCDR_EXPECTED_BODY: input.expectedBody,
        MCDR_HEALTH_PATH: input.healthPath,
        MCDR_CANARY_KEY: JSON.stringify(input.canaryKey),
        MCDR_ACTIVE_SITE_FILE: `${AGENT_ACTIVE_SITE_DIR}/active-site.json`,
    };
}

/**
 * The NodePort of the agent on GKE nodes (the load balancer's health check and the health path's route): the app's
 * NodePort plus one, or minus one at the top of the NodePort range (30000-32767).
 */
export function gkeAgentNodePort(appNodePort: number): number {
    return appNodePort < 32767 ? appNodePort + 1 : appNodePort - 1;
}
