import {
    PolicyResource,
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    StackValidation,
    StackValidationArgs,
} from "@pulumi/policy";

// The engine sends values it cannot know yet (during preview) as sentinel strings, and @pulumi/policy wraps
// props in a proxy that throws on reading one. The sentinels and the proxy's unwrap key live in an internal
// module of @pulumi/policy that has no typings.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const proxyInternals: Record<string, string> = require("@pulumi/policy/proxy");

const UNKNOWN_SENTINELS = new Set<string>(
    ["unknownBooleanValue", "unknownNumberValue", "unknownStringValue", "unknownArrayValue", "unknownAssetValue",
        "unknownArchiveValue", "unknownObjectValue"].map((name) => proxyInternals[name]),
);
const PROXY_TARGET_KEY = proxyInternals.getSpecialProxyTarget;

/** The sentinel the engine sends for a string (or any scalar) that is not known yet. */
export const UNKNOWN_STRING_SENTINEL: string = proxyInternals.unknownStringValue;

/** A value the engine does not know yet (computed by a cloud, or derived from such a value). */
export const UNKNOWN = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/** Known and present: neither absent nor unknown. */
export function isKnown<T>(value: T | Unknown | undefined | null): value is T {
    return value !== undefined && value !== null && value !== UNKNOWN;
}

/**
 * A plain copy of policy props: the proxy unwrapped and every unknown sentinel replaced by UNKNOWN, so that
 * a policy can tell "not known yet" (pass, as preview must) from "absent" (the program did not set it).
 */
export function plain(value: unknown): any {
    if (typeof value === "string") {
        return UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const target = (value as Record<string, unknown>)[PROXY_TARGET_KEY] ?? value;
    if (Array.isArray(target)) {
        return target.map(plain);
    }
    const copy: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(target as Record<string, unknown>)) {
        copy[key] = plain(inner);
    }
    return copy;
}

/**
 * A property the program sets from config: absent is a violation, unknown passes (the value derives from
 * something not computed yet), otherwise `ok` decides.
 */
export function requiredFails<T>(value: T | Unknown | undefined | null, ok: (known: T) => boolean): boolean {
    if (value === undefined || value === null) {
        return true;
    }
    return !isUnknown(value) && !ok(value);
}

/**
 * An optional property, or one a cloud computes: absent or unknown passes ("not set" or "not known yet");
 * a known value must be ok.
 */
export function knownFails<T>(value: T | Unknown | undefined | null, ok: (known: T) => boolean): boolean {
    return isKnown(value) && !ok(value);
}

/** Every element of a known array, skipping unknown elements; an unknown or absent array gives none. */
export function knownItems<T>(value: T[] | Unknown | undefined | null): T[] {
    return Array.isArray(value) ? value.filter((item) => isKnown(item)) : [];
}

type TypedValidation = (props: any, args: ResourceValidationArgs, reportViolation: ReportViolation) => Promise<void> | void;

/**
 * Like @pulumi/policy's validateResourceOfType, but keyed by the type token, so the pack does not load the
 * provider SDKs; the token is attached the same way, so the analyzer skips other types without calling us.
 * The callback gets plain props (see `plain`).
 */
export function validateType(typeToken: string, validate: TypedValidation): ResourceValidation {
    const fn: ResourceValidation = (args, reportViolation) => {
        if (args.type !== typeToken) {
            args.notApplicable(`Policy only applies to resources of type '${typeToken}'`);
        }
        return validate(plain(args.props), args, reportViolation);
    };
    (fn as unknown as { __pulumiType: string }).__pulumiType = typeToken;
    return fn;
}

/** One resource of a stack, with plain props and its relationships as URN sets. */
export interface StackResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Record<string, any>;
    /** URNs of the resources each property's value came from. */
    readonly propertyDependencies: Record<string, Set<string>>;
}

function toStackResource(resource: PolicyResource): StackResource {
    const propertyDependencies: Record<string, Set<string>> = {};
    for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) {
        propertyDependencies[key] = new Set(deps.map((dep) => dep.urn));
    }
    return { type: resource.type, name: resource.name, urn: resource.urn, props: plain(resource.props), propertyDependencies };
}

/** A stack validation over plain resources; not applicable when the stack has none of `types`. */
export function validateStackOf(
    types: readonly string[],
    validate: (resources: StackResource[], args: StackValidationArgs, reportViolation: ReportViolation) => Promise<void> | void,
): StackValidation {
    return (args, reportViolation) => {
        if (!args.resources.some((r) => types.includes(r.type))) {
            args.notApplicable(`Policy only applies to stacks with resources of type ${types.map((t) => `'${t}'`).join(", ")}`);
        }
        return validate(args.resources.map(toStackResource), args, reportViolation);
    };
}

/** The URNs a property's value came from (empty when it came from config or literals). */
export function dependenciesOf(resource: StackResource, property: string): Set<string> {
    return resource.propertyDependencies[property] ?? new Set();
}

export function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
    for (const item of a) {
        if (b.has(item)) {
            return true;
        }
    }
    return false;
}
