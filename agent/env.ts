import { isAwsRegion, isSite, Site } from "./sites";

export interface AgentConfig {
    readonly site: Site;
    /** The AWS region nearest to this site. */
    readonly region: string;
    readonly table: string;
    readonly parameter: string;
    readonly parameterRegions: readonly string[];
    readonly appHealthUrl: URL;
    readonly listen: { readonly host: string; readonly port: number };
    readonly expectedBody: string;
    readonly healthPath: string;
    readonly checkDeadlineMs: number;
    readonly parameterIntervalMs: number;
    readonly maxStalenessMs: number;
    /** The canary item's key: attribute name -> string value. */
    readonly canaryKey: Readonly<Record<string, string>>;
    readonly activeSiteFile: string;
}

export const DEFAULTS = {
    MCDR_EXPECTED_BODY: "ok",
    MCDR_HEALTH_PATH: "/health",
    MCDR_CHECK_DEADLINE_MS: 1500,
    MCDR_PARAMETER_INTERVAL_MS: 10000,
    MCDR_MAX_STALENESS_MS: 300000,
    MCDR_CANARY_KEY: '{"pk":"dr-canary","sk":"dr-canary"}',
    MCDR_ACTIVE_SITE_FILE: "/run/mcdr/active-site.json",
} as const;

/** A bad environment variable; the message starts with its name. */
export class EnvError extends Error {
    constructor(
        readonly variable: string,
        problem: string,
    ) {
        super(`${variable}: ${problem}`);
        this.name = "EnvError";
    }
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
    const value = env[name];
    if (value === undefined || value.trim() === "") {
        throw new EnvError(name, "is required");
    }
    return value.trim();
}

function optional(env: Env, name: keyof typeof DEFAULTS): string {
    const value = env[name];
    return value === undefined || value.trim() === "" ? String(DEFAULTS[name]) : value.trim();
}

function integer(env: Env, name: keyof typeof DEFAULTS, min: number, max: number): number {
    const text = optional(env, name);
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
        throw new EnvError(name, `must be an integer from ${min} to ${max} (got "${text}")`);
    }
    return value;
}

function region(name: string, value: string): string {
    if (!isAwsRegion(value)) {
        throw new EnvError(name, `must be an AWS region like us-east-1 (got "${value}")`);
    }
    return value;
}

/** `host:port`, `[v6]:port`; port 0 asks the system for a free port (tests). */
function listenAddress(text: string): AgentConfig["listen"] {
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text);
    const port = match ? Number(match[3]) : NaN;
    if (!match || port > 65535) {
        throw new EnvError("MCDR_LISTEN", `must be host:port, e.g. 0.0.0.0:8080 (got "${text}")`);
    }
    return { host: match[1] ?? match[2], port };
}

function canaryKey(text: string): Record<string, string> {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch {
        value = undefined;
    }
    const entries = typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
    if (entries.length === 0 || entries.length > 2 || entries.some(([k, v]) => k === "" || typeof v !== "string" || v === "")) {
        throw new EnvError("MCDR_CANARY_KEY", `must be a JSON object of one or two key attributes with string values, e.g. ${DEFAULTS.MCDR_CANARY_KEY} (got ${text})`);
    }
    return Object.fromEntries(entries) as Record<string, string>;
}

/** Reads the agent's settings; throws EnvError for the first bad variable. */
export function parseEnv(env: Env): AgentConfig {
    const site = required(env, "MCDR_SITE");
    if (!isSite(site)) {
        throw new EnvError("MCDR_SITE", `must be "gcp" or "linode" (got "${site}")`);
    }
    const nearest = region("MCDR_REGION", required(env, "MCDR_REGION"));
    const table = required(env, "MCDR_TABLE");
    if (!/^[A-Za-z0-9_.-]{3,255}$/.test(table)) {
        throw new EnvError("MCDR_TABLE", `must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -) (got "${table}")`);
    }
    const parameter = required(env, "MCDR_PARAMETER");
    if (!parameter.startsWith("/")) {
        throw new EnvError("MCDR_PARAMETER", `must be a parameter name starting with / (got "${parameter}")`);
    }
    const parameterRegions = required(env, "MCDR_PARAMETER_REGIONS")
        .split(",")
        .map((r) => region("MCDR_PARAMETER_REGIONS", r.trim()));
    const duplicate = parameterRegions.find((r, i) => parameterRegions.indexOf(r) !== i);
    if (duplicate) {
        throw new EnvError("MCDR_PARAMETER_REGIONS", `lists ${duplicate} twice`);
    }
    const healthText = required(env, "MCDR_APP_HEALTH_URL");
    const appHealthUrl = URL.canParse(healthText) ? new URL(healthText) : undefined;
    if (!appHealthUrl || !["http:", "https:"].includes(appHealthUrl.protocol)) {
        throw new EnvError("MCDR_APP_HEALTH_URL", `must be an http(s) URL (got "${healthText}")`);
    }
    const listen = listenAddress(required(env, "MCDR_LISTEN"));
    const healthPath = optional(env, "MCDR_HEALTH_PATH");
    if (!/^\/[^?#\s]*$/.test(healthPath) || healthPath === "/active-site") {
        throw new EnvError("MCDR_HEALTH_PATH", `must be a path starting with / other than /active-site (got "${healthPath}")`);
    }
    const checkDeadlineMs = integer(env, "MCDR_CHECK_DEADLINE_MS", 50, 60000);
    const parameterIntervalMs = integer(env, "MCDR_PARAMETER_INTERVAL_MS", 100, 3600000);
    const maxStalenessMs = integer(env, "MCDR_MAX_STALENESS_MS", 100, 86400000);
    if (maxStalenessMs <= parameterIntervalMs) {
        throw new EnvError("MCDR_MAX_STALENESS_MS", `must be more than MCDR_PARAMETER_INTERVAL_MS (${parameterIntervalMs})`);
    }
    return {
        site,
        region: nearest,
        table,
        parameter,
        parameterRegions,
        appHealthUrl,
        listen,
        expectedBody: env.MCDR_EXPECTED_BODY ?? DEFAULTS.MCDR_EXPECTED_BODY,
        healthPath,
        checkDeadlineMs,
        parameterIntervalMs,
        maxStalenessMs,
        canaryKey: canaryKey(optional(env, "MCDR_CANARY_KEY")),
        activeSiteFile: optional(env, "MCDR_ACTIVE_SITE_FILE"),
    };
}
