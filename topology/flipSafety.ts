import { FlipTouch, siteEntries } from "./sites";

/**
 * The one definition of a safe flip, below both checks that apply it: the live check on an Automation API
 * preview (`automation/rules/safePreview.ts`) and the offline plan's verdict (`plan/verdict.ts`).
 *
 * A flip updates in place a handful of resources, and only the properties listed here: the shared ones
 * below plus each registered site's `flipTouches`. Anything else (a create, delete or replacement, another
 * type, another property of an allowed type) is not a flip. See docs/ARCHITECTURE.md, "The failover switch".
 */
export const SHARED_FLIP_TOUCHES: readonly FlipTouch[] = [
    {
        type: "aws:route53/record:Record",
        properties: ["records", "healthCheckId"],
        why: "activeSite swaps what the PRIMARY/SECONDARY pair serves: the records' values and health checks, updated in place (UPSERT of the same name/type/setIdentifier)",
    },
    {
        type: "aws:ssm/parameter:Parameter",
        // The component publishes a plain String parameter through insecureValue; value is its secret twin.
        properties: ["value", "insecureValue"],
        why: "activeSite changes the published active site and write region (PutParameter with Overwrite)",
    },
];

/** Every resource type a flip may touch, with the properties it may change there (shared and per site, merged). */
export function flipTouches(): ReadonlyMap<string, readonly string[]> {
    const byType = new Map<string, string[]>();
    for (const touch of [...SHARED_FLIP_TOUCHES, ...siteEntries().flatMap((site) => site.flipTouches)]) {
        byType.set(touch.type, [...(byType.get(touch.type) ?? []), ...touch.properties]);
    }
    return byType;
}

/** A changed path with list indices removed: `records[0]` -> `records`, `replicas[1].regionName` -> `replicas.regionName`. */
export function normalizePath(path: string): string {
    return path.replace(/\[\d+\]/g, "");
}

/** True when a changed property path is the property or lies under it (`records[0]` is under `records`). */
export function pathUnder(path: string, property: string): boolean {
    const normalized = normalizePath(path);
    return normalized === property || normalized.startsWith(`${property}.`);
}

/** One resource's change, as either check sees it. */
export interface ResourceChange {
    /** `update` (in place), `replace`, `create`, `delete`, or any other engine op. */
    readonly op: string;
    readonly type: string;
    readonly name: string;
    /** Changed input property paths (`records[0]`, `failoverRoutingPolicies[0].type`). */
    readonly paths: readonly string[];
    /** Properties whose change replaces the resource. */
    readonly replaces: readonly string[];
}

/** Why a change is not part of a safe flip, one line each; empty when it is. */
export function flipProblems(change: ResourceChange, touches = flipTouches()): string[] {
    if (change.op !== "update") {
        return [`${change.op} ${change.type} ${change.name}`];
    }
    const what = `${change.type} "${change.name}"`;
    if (change.replaces.length > 0) {
        return [`update of ${what} replaces it (${change.replaces.join(", ")})`];
    }
    const allowed = touches.get(change.type);
    if (allowed === undefined) {
        return [`update of ${what}: a flip never changes a ${change.type}`];
    }
    if (change.paths.length === 0) {
        return [`update of ${what} reports no changed property, so it cannot be checked`];
    }
    const others = change.paths.filter((path) => !allowed.some((property) => pathUnder(path, property)));
    return others.length > 0 ? [`update of ${what} changes ${others.join(", ")}; a flip changes only ${allowed.join(", ")}`] : [];
}
