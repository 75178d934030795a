import { SITES } from "../topology";
import { StackDiff } from "./diff";
import { PolicyResults } from "./policyResults";
import { ResourceTree } from "./resourceTree";
import { DrSummary } from "./summary";
import { Verdict } from "./verdict";

/**
 * The shape `multicloud-dr plan --json` prints. Stable: a change to it bumps PLAN_SCHEMA_VERSION, and
 * PLAN_JSON_SCHEMA below (which the tests validate real plans against) changes with it.
 */
export const PLAN_SCHEMA_VERSION = 1;

export interface StackOutputValue {
    readonly name: string;
    readonly value: unknown;
    /** Paths of the scalars in the value that are cloud-computed placeholders: `gcpLoadBalancerIp`, `nodeBalancerIps.us-east`. */
    readonly placeholders: readonly string[];
}

export interface SummaryChange {
    readonly path: string;
    readonly before?: unknown;
    readonly after?: unknown;
}

export interface PlanJson {
    readonly schemaVersion: typeof PLAN_SCHEMA_VERSION;
    readonly stack: string;
    /** The `--set`/`--to` overrides tried, `key -> value` as given; empty for a plain plan. */
    readonly overrides: Readonly<Record<string, string>>;
    /** 0 fine; 1 an unsafe change or a mandatory policy violation. */
    readonly exitCode: 0 | 1;
    /** The DR posture with the overrides applied. */
    readonly summary: DrSummary;
    /** Summary fields the overrides change; empty for a plain plan. */
    readonly summaryChanges: readonly SummaryChange[];
    /** What the stack declares (with the overrides applied), grouped by component. */
    readonly resources: ResourceTree;
    readonly outputs: readonly StackOutputValue[];
    /** The blast radius of the overrides; null for a plain plan. */
    readonly change: (StackDiff & { readonly verdict: Verdict }) | null;
    readonly policies: PolicyResults;
    /** Mermaid flowchart of the estate. */
    readonly mermaid: string;
}

const str = { type: "string" } as const;
const bool = { type: "boolean" } as const;
const int = { type: "integer" } as const;
const strings = { type: "array", items: str } as const;
const counts = {
    type: "object",
    properties: { aws: int, gcp: int, linode: int, random: int, component: int },
    required: ["aws", "gcp", "linode", "random", "component"],
    additionalProperties: int,
} as const;
const anyValue = {} as const;

const object = (properties: Record<string, unknown>, optional: string[] = []) => ({
    type: "object",
    additionalProperties: false,
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
});

const rule = object({ property: str, effect: { enum: ["replace", "unsafe"] }, source: str });
const valueChange = object({ path: str, before: anyValue, after: anyValue, beforePlaceholder: bool, afterPlaceholder: bool }, ["before", "after"]);
const refProps = { urn: str, type: str, name: str, component: str, stateful: bool };
const ref = object(refProps, ["component"]);
const propertyChange = object(
    { path: str, before: anyValue, after: anyValue, beforePlaceholder: bool, afterPlaceholder: bool, rule },
    ["before", "after", "rule"],
);
const update = object({ ...refProps, action: { enum: ["update", "replace"] }, catalogued: bool, changes: { type: "array", items: propertyChange } }, ["component"]);
// The live list of registered sites: a site added to the registry is valid here too.
const site = { enum: SITES };
const target = object({ site, endpoint: str });

/** JSON Schema (draft-07) of PlanJson. */
export const PLAN_JSON_SCHEMA = {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "multicloud-dr plan --json",
    ...object({
        schemaVersion: { const: PLAN_SCHEMA_VERSION },
        stack: str,
        overrides: { type: "object", additionalProperties: str },
        exitCode: { enum: [0, 1] },
        summary: object({
            environment: str,
            appHostname: str,
            activeSite: site,
            homeSite: site,
            failedOver: bool,
            primary: target,
            secondary: target,
            linodeActiveRegion: str,
            table: object({ name: str, homeRegion: str, replicaRegions: strings }),
            writeRegion: str,
            healthCheck: object({ intervalSeconds: int, failureThreshold: int, checkerRegions: strings, detectionSeconds: int }),
            dnsTtlSeconds: int,
            worstCaseFailoverSeconds: int,
            rtoTargetSeconds: int,
        }),
        summaryChanges: { type: "array", items: object({ path: str, before: anyValue, after: anyValue }, ["before", "after"]) },
        resources: object({
            total: int,
            byCloud: counts,
            groups: {
                type: "array",
                items: object({
                    component: str,
                    site,
                    instances: strings,
                    byCloud: counts,
                    resources: {
                        type: "array",
                        items: object({
                            type: str,
                            name: str,
                            urn: str,
                            cloud: str,
                            placeholders: { type: "array", items: object({ property: str, value: anyValue }) },
                        }),
                    },
                }, ["site"]),
            },
        }),
        outputs: { type: "array", items: object({ name: str, value: anyValue, placeholders: strings }) },
        change: {
            oneOf: [
                { type: "null" },
                object({
                    created: { type: "array", items: ref },
                    deleted: { type: "array", items: ref },
                    updated: { type: "array", items: update },
                    outputs: { type: "array", items: valueChange },
                    verdict: object({ label: { enum: ["no change", "safe flip", "unsafe"] }, safe: bool, reasons: strings }),
                }),
            ],
        },
        policies: object({
            available: bool,
            mandatoryViolations: int,
            findings: { type: "array", items: object({ policyName: str, enforcementLevel: str, urn: str, message: str }, ["urn"]) },
        }),
        mermaid: str,
    }),
} as const;
