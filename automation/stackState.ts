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
    };
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
