import { RecordedResource } from "../offline";
import { siteOfComponent } from "../topology";

/** The clouds the counts are kept for; any other provider package is counted under its own name. */
export const CLOUDS = ["aws", "gcp", "linode", "random", "component"] as const;

export interface PlaceholderValue {
    readonly property: string;
    readonly value: unknown;
}

export interface TreeResource {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly cloud: string;
    /** Outputs the clouds would compute, with their deterministic offline placeholders. */
    readonly placeholders: readonly PlaceholderValue[];
}

export interface ComponentGroup {
    /** The component type token (`multicloud-dr:<module>:<Type>`), or "(no component)" for top-level resources. */
    readonly component: string;
    /** The registered site the component builds, if it builds one. */
    readonly site?: string;
    /** Names of the component instances of that type. */
    readonly instances: readonly string[];
    readonly resources: readonly TreeResource[];
    readonly byCloud: Readonly<Record<string, number>>;
}

export interface ResourceTree {
    readonly total: number;
    readonly byCloud: Readonly<Record<string, number>>;
    readonly groups: readonly ComponentGroup[];
}

export const NO_COMPONENT = "(no component)";

/** `aws:route53/record:Record` -> aws; a component -> component; `pulumi:providers:gcp` -> gcp. */
export function cloudOf(resource: Pick<RecordedResource, "type" | "custom">): string {
    if (!resource.custom) {
        return "component";
    }
    const [pkg, module, name] = resource.type.split(":");
    return pkg === "pulumi" && module === "providers" ? name : pkg;
}

/** Resources grouped by the component that owns them, with counts per cloud. */
export function resourceTree(resources: readonly RecordedResource[]): ResourceTree {
    const visible = resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
    const componentTypes = new Set(visible.filter((r) => !r.custom).map((r) => r.type));
    const groups = new Map<string, { instances: string[]; resources: RecordedResource[] }>();
    const groupOf = (key: string) => {
        let group = groups.get(key);
        if (!group) {
            group = { instances: [], resources: [] };
            groups.set(key, group);
        }
        return group;
    };
    for (const type of [...componentTypes].sort()) {
        groupOf(type);
    }
    for (const r of visible) {
        if (!r.custom) {
            groupOf(r.type).instances.push(r.name);
        } else {
            groupOf(r.parentType && componentTypes.has(r.parentType) ? r.parentType : r.parentType ?? NO_COMPONENT).resources.push(r);
        }
    }
    return {
        total: visible.length,
        byCloud: countByCloud(visible),
        groups: [...groups.entries()]
            .sort(([a], [b]) => (a === NO_COMPONENT ? 1 : b === NO_COMPONENT ? -1 : a.localeCompare(b)))
            .map(([component, group]) => ({
                component,
                ...(siteOfComponent(component) ? { site: siteOfComponent(component) } : {}),
                instances: group.instances.sort(),
                byCloud: countByCloud(group.resources),
                resources: group.resources
                    .map((r) => ({
                        type: r.type,
                        name: r.name,
                        urn: r.urn,
                        cloud: cloudOf(r),
                        placeholders: r.placeholders.filter((p) => r.outputs[p] !== undefined).map((property) => ({ property, value: r.outputs[property] })),
                    }))
                    .sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name)),
            })),
    };
}

export function countByCloud(resources: readonly Pick<RecordedResource, "type" | "custom">[]): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const cloud of CLOUDS) {
        counts[cloud] = 0;
    }
    for (const r of resources) {
        const cloud = cloudOf(r);
        counts[cloud] = (counts[cloud] ?? 0) + 1;
    }
    return counts;
}
