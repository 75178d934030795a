import { RecordedResource } from "../offline";
import { PlaceholderIndex } from "./placeholders";

/**
 * What a first `pulumi preview` would declare, derived from an evaluation with placeholders instead of a
 * second run of the program in preview mode: every value the clouds compute (a placeholder, or a value built
 * from one) becomes unknown, which the recorder drops as it does in preview mode (a property goes, a list
 * keeps the slot), and nothing has an id yet.
 */
export function previewView(resources: readonly RecordedResource[]): RecordedResource[] {
    const placeholders = new PlaceholderIndex(resources);
    return resources.map((resource) => {
        const inputs: Record<string, unknown> = {};
        for (const [property, value] of Object.entries(resource.inputs)) {
            const known = withoutComputed(value, (leaf) => placeholders.isComputed(leaf, { urn: resource.urn, path: property }));
            if (known !== undefined) {
                inputs[property] = known;
            }
        }
        return { ...resource, id: undefined, inputs, outputs: inputs, placeholders: [] };
    });
}

function withoutComputed(value: unknown, isComputed: (leaf: unknown) => boolean): unknown {
    if (Array.isArray(value)) {
        return value.map((item) => withoutComputed(item, isComputed));
    }
    if (typeof value === "object" && value !== null) {
        const result: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(value)) {
            const known = withoutComputed(inner, isComputed);
            if (known !== undefined) {
                result[key] = known;
            }
        }
        return result;
    }
    return isComputed(value) ? undefined : value;
}
