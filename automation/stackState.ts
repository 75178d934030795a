import { DrConfig, parseDrConfig, PROJECT, rawConfigOf } from "../topology";
import { LastFlip, parseLastFlip } from "./audit";
import { DrStack } from "./stackAdapter";

/** The config keys the tool reads and writes. */
export const CONFIG_KEY = {
    activeSite: `${PROJECT}:activeSite`,
    homeSite: `${PROJECT}:homeSite`,
    linodeActiveRegion: `${PROJECT}:linodeActiveRegion`,
    /** The site whose write region takes writes (unset: follows activeSite). */
    dataSite: `${PROJECT}:dataSite`,
    /** The fencing epoch published with the write region. */
    dataEpoch: `${PROJECT}:dataEpoch`,
    /** The audit entry of the last flip, as JSON. */
    lastFlip: `${PROJECT}:lastFlip`,
} as const;

/** What the last successful update deployed, and where to probe; read from stack outputs. */
export interface EstateOutputs {
    readonly activeSite?: string;
    readonly linodeActiveRegion?: string;
    /** The data site, write region and epoch the last update published (absent on stacks deployed before them). */
    readonly dataSite?: string;
    readonly writeRegion?: string;
    readonly epoch?: number;
    readonly appHostname?: string;
    readonly tableName?: string;
    readonly healthEndpoints: Readonly<Record<string, string>>;
    readonly siteEndpoints: Readonly<Record<string, string>>;
    readonly writeRegions: Readonly<Record<string, string>>;
    /** The GCP load balancer's backends as Compute Engine names them (absent on stacks deployed before it was exported). */
    readonly gcpBackends?: GcpBackends;
}

/** The `gcpBackends` output: the backend service users' traffic goes to and, per GCP region, its zonal instance group URLs. */
export interface GcpBackends {
    readonly project: string;
    readonly backendService: string;
    readonly instanceGroups: Readonly<Record<string, readonly string[]>>;
}

export interface StackState {
    readonly stack: string;
    readonly cfg: DrConfig;
    /** Non-secret config values, namespaced keys. */
    readonly config: Readonly<Record<string, string>>;
    readonly outputs: EstateOutputs;
    readonly lastFlip?: LastFlip;
}

/** Reads and validates the stack's config (ConfigError on anything malformed) and its outputs. */
export async function readStackState(stack: DrStack): Promise<StackState> {
    const all = await stack.getAllConfig();
    const config: Record<string, string> = {};
    for (const [key, entry] of Object.entries(all)) {
        if (!entry.secret) {
            config[key] = entry.value;
        }
    }
    const cfg = parseDrConfig(rawConfigOf(config));
    const lastFlip = parseLastFlip(config[CONFIG_KEY.lastFlip]);
    const outputs = estateOutputs(await stack.outputs());
    return { stack: stack.name, cfg, config, outputs, lastFlip };
}

export function estateOutputs(raw: Record<string, unknown>): EstateOutputs {
    return {
        activeSite: stringOrUndefined(raw.activeSite),
        linodeActiveRegion: stringOrUndefined(raw.linodeActiveRegion),
        dataSite: stringOrUndefined(raw.dataSite),
        writeRegion: stringOrUndefined(raw.writeRegion),
        epoch: Number.isSafeInteger(raw.epoch) && (raw.epoch as number) >= 0 ? (raw.epoch as number) : undefined,
        appHostname: stringOrUndefined(raw.appHostname),
        tableName: stringOrUndefined(raw.tableName),
        healthEndpoints: stringRecord(raw.healthEndpoints),
        siteEndpoints: stringRecord(raw.siteEndpoints),
        writeRegions: stringRecord(raw.writeRegions),
        gcpBackends: gcpBackendsOf(raw.gcpBackends),
    };
}

function gcpBackendsOf(value: unknown): GcpBackends | undefined {
    const raw = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
    const project = stringOrUndefined(raw.project);
    const backendService = stringOrUndefined(raw.backendService);
    const groups = typeof raw.instanceGroups === "object" && raw.instanceGroups !== null ? Object.entries(raw.instanceGroups) : [];
    const instanceGroups = Object.fromEntries(groups.filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].every((g) => typeof g === "string" && g !== "")));
    return project && backendService && Object.keys(instanceGroups).length > 0 ? { project, backendService, instanceGroups } : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return {};
    }
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
}
