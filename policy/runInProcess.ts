import Ajv, { ValidateFunction } from "ajv";
import {
    EnforcementLevel,
    Policies,
    PolicyPackConfig,
    PolicyResource,
    PolicyResourceOptions,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
    unknownCheckingProxy,
} from "@pulumi/policy";
import type { RecordedResource } from "../offline";
import { PolicyConfigError } from "../topology/errors";
import { PACK_ENFORCEMENT_LEVEL, policies as packPolicies } from "./policies";
import { UNKNOWN_STRING_SENTINEL } from "./policies/values";

/**
 * Runs the policy pack in this process over resources captured by the offline runtime, the way the engine's
 * analyzer calls do (`analyze` per resource with its inputs, then `analyzeStack` with every resource's
 * outputs), without starting the pack's gRPC server.
 */

/** One violation, as `pulumi preview` would list it. */
export interface PolicyFinding {
    readonly policyName: string;
    readonly enforcementLevel: EnforcementLevel;
    /** The resource in violation; absent when a stack policy blames the whole stack. */
    readonly urn?: string;
    /** What is wrong, in one or more sentences (the policy's description when the violation gave none). */
    readonly message: string;
}

export interface RunOptions {
    /** Policy pack config, as in a `--policy-pack-config` file: per policy an enforcement level, or an object with one and settings. */
    readonly config?: PolicyPackConfig;
    readonly stackTags?: Record<string, string>;
    /** The policies to run; the whole pack by default. */
    readonly policies?: Policies;
}


/** Bad policy pack config: one line naming the policy and the problem. */

const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

class NotApplicableError extends Error {}
const throwNotApplicable = (reason?: string): never => {
    throw new NotApplicableError(reason ?? "Policy does not apply");
};

interface ResolvedPolicy {
    readonly policy: ResourceValidationPolicy | StackValidationPolicy;
    readonly enforcementLevel: EnforcementLevel;
    readonly settings: Record<string, unknown>;
}

export async function runPolicies(resources: readonly RecordedResource[], options: RunOptions = {}): Promise<PolicyFinding[]> {
    const resolved = resolvePolicies(options.policies ?? packPolicies, options.config ?? {});
    const stackTags = freezeTags(options.stackTags ?? {});
    const findings: PolicyFinding[] = [];
    for (const resource of resources) {
        for (const entry of resolved) {
            if (isResourcePolicy(entry.policy)) {
                await runResourcePolicy(entry, entry.policy, resource, stackTags, findings);
            }
        }
    }
    for (const entry of resolved) {
        if (isStackPolicy(entry.policy)) {
            await runStackPolicy(entry, entry.policy, resources, stackTags, findings);
        }
    }
    return findings;
}

/** Findings that block an update (mandatory, or remediate downgraded to mandatory). */
export function mandatoryFindings(findings: readonly PolicyFinding[]): PolicyFinding[] {
    return findings.filter((f) => f.enforcementLevel === "mandatory");
}

/** One line per finding: `[mandatory] policy-name: message (urn)`. */
export function formatFinding(finding: PolicyFinding): string {
    const where = finding.urn ? ` (${finding.urn})` : "";
    return `[${finding.enforcementLevel}] ${finding.policyName}: ${finding.message.replace(/\s*\n\s*/g, " ")}${where}`;
}

function isResourcePolicy(policy: ResourceValidationPolicy | StackValidationPolicy): policy is ResourceValidationPolicy {
    return "validateResource" in policy && policy.validateResource !== undefined;
}

function isStackPolicy(policy: ResourceValidationPolicy | StackValidationPolicy): policy is StackValidationPolicy {
    return typeof (policy as StackValidationPolicy).validateStack === "function";
}

/**
 * What the engine does with a policy config before the pack sees it: enforcement level overrides, settings
 * validated against each policy's configSchema, and schema defaults filled in. Unlike the engine, a setting
 * the schema does not name is an error here, so a misspelt threshold cannot be silently ignored.
 */
export function resolvePolicies(policies: Policies, config: PolicyPackConfig): ResolvedPolicy[] {
    const byName = new Map(policies.map((p) => [p.name, p]));
    for (const name of Object.keys(config)) {
        if (name !== "all" && !byName.has(name)) {
            throw new PolicyConfigError(`policy config names "${name}", which is not a policy of this pack`);
        }
    }
    const packLevel = levelOf(config.all, "all");
    return policies.map((policy) => {
        const entry = config[policy.name];
        const { enforcementLevel, ...given } = typeof entry === "string" ? { enforcementLevel: entry } : entry ?? {};
        const level = levelOf(enforcementLevel, policy.name) ?? packLevel ?? policy.enforcementLevel ?? PACK_ENFORCEMENT_LEVEL;
        const settings: Record<string, unknown> = JSON.parse(JSON.stringify(given));
        const schema = policy.configSchema;
        if (!schema && Object.keys(settings).length > 0) {
            throw new PolicyConfigError(`policy "${policy.name}" takes no settings, got ${Object.keys(settings).join(", ")}`);
        }
        if (schema) {
            const validate = settingsValidator(policy);
            if (!validate(settings)) {
                const problems = (validate.errors ?? []).map((e) => `${e.instancePath || "config"} ${e.message ?? "is invalid"}`.trim());
                throw new PolicyConfigError(`policy config for "${policy.name}": ${problems.join("; ")}`);
            }
        }
        return { policy: policy as ResourceValidationPolicy | StackValidationPolicy, enforcementLevel: level, settings };
    });
}

const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false });
const validators = new WeakMap<object, ValidateFunction>();

/** Validates a policy's settings against its configSchema and fills in the schema's defaults. */
function settingsValidator(policy: Policies[number]): ValidateFunction {
    let validate = validators.get(policy);
    if (!validate) {
        const schema = policy.configSchema ?? { properties: {} };
        validate = ajv.compile({ type: "object", properties: schema.properties, required: schema.required ?? [], additionalProperties: false });
        validators.set(policy, validate);
    }
    return validate;
}

function levelOf(value: unknown, policyName: string): EnforcementLevel | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== "string" || !ENFORCEMENT_LEVELS.includes(value as EnforcementLevel)) {
        throw new PolicyConfigError(`policy config for "${policyName}": enforcement level ${JSON.stringify(value)} is not one of ${ENFORCEMENT_LEVELS.join(", ")}`);
    }
    return value as EnforcementLevel;
}

/** Remediate-level violations are reported as mandatory, as the analyzer does. */
function reportedLevel(level: EnforcementLevel): EnforcementLevel {
    return level === "remediate" ? "mandatory" : level;
}

/**
 * Props as the engine would send them: the offline capture drops values not known yet, so a top-level
 * property that is absent but came from other resources is put back as the engine's unknown sentinel.
 */
function engineProps(values: Record<string, any>, resource: RecordedResource): Record<string, any> {
    const props: Record<string, any> = JSON.parse(JSON.stringify(values ?? {}));
    for (const [key, deps] of Object.entries(resource.propertyDependencies ?? {})) {
        if (props[key] === undefined && deps.length > 0) {
            props[key] = UNKNOWN_STRING_SENTINEL;
        }
    }
    return props;
}

function optionsOf(resource: RecordedResource): PolicyResourceOptions {
    const opts: PolicyResourceOptions = {
        protect: resource.protect ?? false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
    };
    if (resource.parent) {
        opts.parent = resource.parent;
    }
    return opts;
}

function isTypeOf(type: string, resourceClass: unknown): boolean {
    const token = (resourceClass as { __pulumiType?: unknown })?.__pulumiType;
    if (typeof token === "string" && token.length > 0) {
        return type === token;
    }
    const isInstance = (resourceClass as { isInstance?: (o: unknown) => boolean })?.isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function makeReporter(entry: ResolvedPolicy, findings: PolicyFinding[], resourceUrn?: string): ReportViolation {
    return (message: string, urn?: string) => {
        findings.push({
            policyName: entry.policy.name,
            enforcementLevel: reportedLevel(entry.enforcementLevel),
            urn: resourceUrn ?? urn,
            message: message || entry.policy.description,
        });
    };
}

/** Errors a policy throws: not applicable is fine, an unknown value is an advisory note (as in preview), anything else fails the run. */
function handlePolicyError(error: unknown, entry: ResolvedPolicy, findings: PolicyFinding[], urn?: string): void {
    if (error instanceof NotApplicableError) {
        return;
    }
    if (error instanceof UnknownValueError) {
        findings.push({ policyName: entry.policy.name, enforcementLevel: "advisory", urn, message: `can't run policy '${entry.policy.name}' during preview: ${(error as Error).message}` });
        return;
    }
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    throw new Error(`Error validating ${urn ?? "the stack"} with policy '${entry.policy.name}': ${detail}`);
}

async function runResourcePolicy(
    entry: ResolvedPolicy,
    policy: ResourceValidationPolicy,
    resource: RecordedResource,
    stackTags: ReadonlyMap<string, string>,
    findings: PolicyFinding[],
): Promise<void> {
    if (entry.enforcementLevel === "disabled" || !policy.validateResource) {
        return;
    }
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    if (validations.length === 1) {
        const token = (validations[0] as unknown as { __pulumiType?: string }).__pulumiType;
        if (token && token !== resource.type) {
            return;
        }
    }
    const report = makeReporter(entry, findings, resource.urn);
    for (const validation of validations) {
        const props = unknownCheckingProxy(engineProps(resource.inputs, resource));
        const args: ResourceValidationArgs = {
            type: resource.type,
            props,
            urn: resource.urn,
            name: resource.name,
            opts: optionsOf(resource),
            stackTags,
            isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
            asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as ResourceValidationArgs["asType"],
            getConfig: <T extends object>() => ({ ...entry.settings }) as T,
            notApplicable: throwNotApplicable,
        };
        try {
            await validation(args, report);
        } catch (error) {
            handlePolicyError(error, entry, findings, resource.urn);
        }
    }
}

async function runStackPolicy(
    entry: ResolvedPolicy,
    policy: StackValidationPolicy,
    resources: readonly RecordedResource[],
    stackTags: ReadonlyMap<string, string>,
    findings: PolicyFinding[],
): Promise<void> {
    if (entry.enforcementLevel === "disabled") {
        return;
    }
    const token = (policy.validateStack as unknown as { __pulumiType?: string }).__pulumiType;
    if (token && !resources.some((r) => r.type === token)) {
        return;
    }
    const policyResources = toPolicyResources(resources);
    const args: StackValidationArgs = {
        resources: policyResources,
        stackTags,
        getConfig: <T extends object>() => ({ ...entry.settings }) as T,
        notApplicable: throwNotApplicable,
    };
    try {
        await policy.validateStack(args, makeReporter(entry, findings));
    } catch (error) {
        handlePolicyError(error, entry, findings);
    }
}

/** PolicyResource objects with parent and dependencies resolved from URNs to the objects themselves. */
function toPolicyResources(resources: readonly RecordedResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const built = resources.map((resource) => {
        // The engine's outputs carry the id too (stack policies match Linode ids with it).
        const outputs = resource.id === undefined ? resource.outputs : { id: resource.id, ...resource.outputs };
        const props = unknownCheckingProxy(engineProps(outputs, resource));
        const policyResource: PolicyResource = {
            type: resource.type,
            props,
            urn: resource.urn,
            name: resource.name,
            opts: optionsOf(resource),
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => isTypeOf(resource.type, resourceClass),
            asType: ((resourceClass: unknown) => (isTypeOf(resource.type, resourceClass) ? props : undefined)) as PolicyResource["asType"],
        };
        byUrn.set(resource.urn, policyResource);
        return { resource, policyResource };
    });
    const resolve = (urns: readonly string[] = []) => urns.map((urn) => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
    for (const { resource, policyResource } of built) {
        if (resource.parent && byUrn.has(resource.parent)) {
            policyResource.parent = byUrn.get(resource.parent);
        }
        policyResource.dependencies = resolve(resource.dependencies);
        for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
            policyResource.propertyDependencies[key] = resolve(urns);
        }
    }
    return built.map((b) => b.policyResource);
}

function freezeTags(tags: Record<string, string>): ReadonlyMap<string, string> {
    return new Map(Object.entries(tags));
}
