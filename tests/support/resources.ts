import { RecordedResource } from "../../offline";

/** Resources of one type, in declaration order. */
export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
    return resources.filter((r) => r.type === type);
}

/** The one resource with this name; fails loudly when it is missing. */
export function named(resources: readonly RecordedResource[], name: string): RecordedResource {
    const found = resources.find((r) => r.name === name);
    if (!found) {
        throw new Error(`no resource named ${name}; have: ${resources.map((r) => r.name).join(", ")}`);
    }
    return found;
}

/** URNs of resources whose inputs differ between two evaluations of the same program. */
export function changedUrns(before: readonly RecordedResource[], after: readonly RecordedResource[]): string[] {
    const previous = new Map(before.map((r) => [r.urn, JSON.stringify(r.inputs)]));
    return after.filter((r) => previous.has(r.urn) && previous.get(r.urn) !== JSON.stringify(r.inputs)).map((r) => r.urn);
}

export function urnsOf(resources: readonly RecordedResource[]): string[] {
    return resources.map((r) => r.urn).sort();
}
