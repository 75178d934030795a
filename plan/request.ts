import { BadInputError, DrConfig, isSite, parseDrConfig, rawConfigOf, readStackConfig, SITES, withOverrides } from "../topology";

/** What `multicloud-dr plan` was asked, as given on the command line. */
export interface PlanOptions {
    readonly stack: string;
    /** `key=value` strings, as given to `--set`. */
    readonly sets?: readonly string[];
    /** Shorthand for `--set activeSite=<site>`. */
    readonly to?: string;
}

/** A checked request: the stack exists, the overrides parse, and the config is valid before and after them. */
export interface PlanRequest {
    readonly stack: string;
    readonly overrides: Record<string, string>;
    readonly before: DrConfig;
    readonly after: DrConfig;
}

/** `["a=1", "dns.ttl=30"]` -> `{ a: "1", "dns.ttl": "30" }`; a malformed entry is bad input. */
export function parseSets(sets: readonly string[]): Record<string, string> {
    const result: Record<string, string> = {};
    for (const entry of sets) {
        const at = entry.indexOf("=");
        if (at <= 0) {
            throw new BadInputError(`--set "${entry}" is not key=value`);
        }
        const key = entry.slice(0, at).trim();
        if (!/^([A-Za-z0-9_-]+:)?[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(key)) {
            throw new BadInputError(`--set "${entry}": "${key}" is not a config key (letters, digits, _ and -, dotted for a field)`);
        }
        result[key] = entry.slice(at + 1);
    }
    return result;
}

/** The overrides a plan tries: the `--set` entries plus `--to`. */
export function planOverrides(options: PlanOptions): Record<string, string> {
    const overrides = parseSets(options.sets ?? []);
    if (options.to !== undefined) {
        if (!isSite(options.to)) {
            throw new BadInputError(`unknown site "${options.to}" for --to: must be one of ${SITES.join(", ")}`);
        }
        const set = overrides.activeSite ?? overrides["multicloud-dr:activeSite"];
        if (set !== undefined && set !== options.to) {
            throw new BadInputError(`--to ${options.to} contradicts --set activeSite=${set}`);
        }
        overrides.activeSite = options.to;
    }
    return overrides;
}

/**
 * Checks a plan request without loading the Pulumi runtime, so bad input fails fast with one line:
 * StackFileError (unknown stack, bad --set path), BadInputError (malformed --set, unknown --to site), or
 * ConfigError (invalid config, before or after the overrides).
 */
export function resolvePlanRequest(options: PlanOptions): PlanRequest {
    const file = readStackConfig(options.stack);
    const overrides = planOverrides(options);
    const before = parseDrConfig(rawConfigOf(file.values));
    const after = Object.keys(overrides).length > 0 ? parseDrConfig(rawConfigOf(withOverrides(file.values, overrides))) : before;
    return { stack: options.stack, overrides, before, after };
}
