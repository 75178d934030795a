import { Evaluation, RecordedResource } from "../offline";
import { pathUnder } from "../topology";
import { PlaceholderIndex } from "./placeholders";
import { isStateful, PropertyRule, ruleForPath, rulesFor } from "./replacementRules";

/** One changed leaf of a resource's inputs or of the stack outputs. */
export interface ValueChange {
    /** Deep path: `records[0]`, `failoverRoutingPolicies[0].type`, `tags.team`. */
    readonly path: string;
    /** Absent when the value did not exist before. */
    readonly before?: unknown;
    /** Absent when the value no longer exists. */
    readonly after?: unknown;
    readonly beforePlaceholder: boolean;
    readonly afterPlaceholder: boolean;
}

export interface PropertyChange extends ValueChange {
    /** The replacement-table rule this path falls under, if any. */
    readonly rule?: PropertyRule;
}

export interface ResourceRef {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** The owning component's type, if any. */
    readonly component?: string;
    readonly stateful: boolean;
}

export interface ResourceUpdate extends ResourceRef {
    /** "replace" when any change falls under a replace rule; otherwise "update" (in place). */
    readonly action: "update" | "replace";
    /** False when the type has no entry in the replacement table. */
    readonly catalogued: boolean;
    readonly changes: readonly PropertyChange[];
}

export interface StackDiff {
    readonly created: readonly ResourceRef[];
    readonly deleted: readonly ResourceRef[];
    /** Resources present before and after whose inputs differ, by URN. */
    readonly updated: readonly ResourceUpdate[];
    readonly outputs: readonly ValueChange[];
}

/** Matches resources by URN and compares what the program passed in, property by property. */
export function diffEvaluations(before: Evaluation, after: Evaluation): StackDiff {
    const beforeIndex = new PlaceholderIndex(before.resources);
    const afterIndex = new PlaceholderIndex(after.resources);
    const beforeByUrn = byUrn(before.resources);
    const afterByUrn = byUrn(after.resources);

    const created = [...afterByUrn.values()].filter((r) => !beforeByUrn.has(r.urn)).map(refOf);
    const deleted = [...beforeByUrn.values()].filter((r) => !afterByUrn.has(r.urn)).map(refOf);
    const updated: ResourceUpdate[] = [];
    for (const [urn, old] of beforeByUrn) {
        const now = afterByUrn.get(urn);
        if (!now) {
            continue;
        }
        // An update keeps the old value of an ignoreChanges property, as the engine does.
        const ignored = now.ignoreChanges ?? [];
        const changes: PropertyChange[] = deepChanges(old.inputs, now.inputs).filter((c) => !ignored.some((p) => pathUnder(c.path, p))).map((c) => {
            const rule = ruleForPath(now.type, c.path);
            return {
                path: c.path,
                ...(c.before !== undefined ? { before: c.before } : {}),
                ...(c.after !== undefined ? { after: c.after } : {}),
                beforePlaceholder: c.before !== undefined && beforeIndex.isPlaceholder(c.before, { urn, path: c.path }),
                afterPlaceholder: c.after !== undefined && afterIndex.isPlaceholder(c.after, { urn, path: c.path }),
                ...(rule ? { rule } : {}),
            };
        });
        if (changes.length > 0) {
            updated.push({
                ...refOf(now),
                action: changes.some((c) => c.rule?.effect === "replace") ? "replace" : "update",
                catalogued: rulesFor(now.type) !== undefined,
                changes,
            });
        }
    }
    const outputs: ValueChange[] = deepChanges(before.outputs, after.outputs).map((c) => ({
        ...c,
        beforePlaceholder: c.before !== undefined && beforeIndex.isPlaceholder(c.before),
        afterPlaceholder: c.after !== undefined && afterIndex.isPlaceholder(c.after),
    }));
    return { created: sortByUrn(created), deleted: sortByUrn(deleted), updated: sortByUrn(updated), outputs };
}

export function refOf(resource: RecordedResource): ResourceRef {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        ...(resource.parentType ? { component: resource.parentType } : {}),
        stateful: isStateful(resource.type),
    };
}

/**
 * Leaf-level differences between two plain values: objects by key, lists by index, anything else by value.
 * A leaf present on one side only has `before` or `after` undefined.
 */
export function deepChanges(before: unknown, after: unknown, path = ""): { path: string; before?: unknown; after?: unknown }[] {
    if (Array.isArray(before) && Array.isArray(after)) {
        const changes = [];
        for (let i = 0; i < Math.max(before.length, after.length); i++) {
            changes.push(...deepChanges(before[i], after[i], `${path}[${i}]`));
        }
        return changes;
    }
    if (isPlainObject(before) && isPlainObject(after)) {
        const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
        return keys.flatMap((k) => deepChanges(before[k], after[k], path ? `${path}.${k}` : k));
    }
    if (sameValue(before, after)) {
        return [];
    }
    return [{ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}

/** Every scalar of a value with its path, the way `deepChanges` names paths. */
export function flattenLeaves(value: unknown, path = ""): { path: string; value: unknown }[] {
    if (Array.isArray(value)) {
        return value.flatMap((v, i) => flattenLeaves(v, `${path}[${i}]`));
    }
    if (isPlainObject(value)) {
        return Object.keys(value)
            .sort()
            .flatMap((k) => flattenLeaves(value[k], path ? `${path}.${k}` : k));
    }
    return [{ path, value }];
}

function sameValue(a: unknown, b: unknown): boolean {
    return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function byUrn(resources: readonly RecordedResource[]): Map<string, RecordedResource> {
    return new Map(resources.map((r) => [r.urn, r]));
}

function sortByUrn<T extends { urn: string }>(items: T[]): T[] {
    return items.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
}
