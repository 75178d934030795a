import { RecordedResource, SECRET_PLACEHOLDER } from "../offline";

/** Where a value sits: a resource's input property (its path, e.g. `records[0]`). */
export interface ValueLocation {
    readonly urn: string;
    readonly path: string;
}

/**
 * Tells which values of an offline evaluation the clouds would compute (addresses, ids, ARNs), so the plan
 * can mark them as placeholders wherever they show up, including in other resources' inputs.
 *
 * A value is a placeholder when it is
 * - a string output the mocks computed (listed in `RecordedResource.placeholders`), or a resource id the
 *   cloud would assign (Linode ids also as numbers), anywhere it appears;
 * - a string the mocks marked as such (invoke results and auto-names contain "placeholder");
 * - in one resource's input property, a value taken from another resource that is not one of that
 *   resource's own inputs: an id (Linode ids are numbers) or something derived from a computed output.
 *   Only for that property, so an ordinary number elsewhere is never marked.
 */
export class PlaceholderIndex {
    private readonly strings = new Set<string>();
    private readonly ids = new Set<number>();
    private addresses: RegExp | null | undefined;
    private resourcePaths: string[] | undefined;
    private arns: string[] | undefined;
    private readonly byProperty = new Map<string, Set<string>>();
    /** Per resource and input property: whether it takes a secret the mocks computed (a generated password). */
    private readonly computedSecrets = new Set<string>();

    constructor(resources: readonly RecordedResource[]) {
        const byUrn = new Map(resources.map((r) => [r.urn, r]));
        for (const resource of resources) {
            // An id is computed unless the provider reuses an input as the id (a table's or parameter's name).
            if (resource.id !== undefined && !leaves(resource.inputs).map(String).includes(String(resource.id))) {
                this.strings.add(String(resource.id));
                if (/^\d+$/.test(String(resource.id))) {
                    this.ids.add(Number(resource.id));
                }
            }
            // The mocks sometimes copy an input into a computed output (a record's fqdn is its name): that is config.
            const own = new Set(leaves(resource.inputs).map(String));
            for (const property of resource.placeholders) {
                leaves(resource.outputs[property])
                    .filter((v): v is string => typeof v === "string" && !own.has(v))
                    .forEach((v) => this.strings.add(v));
            }
        }
        const secretSources = new Set(
            resources.filter((r) => r.placeholders.some((p) => leaves(r.outputs[p]).includes(SECRET_PLACEHOLDER))).map((r) => r.urn),
        );
        for (const resource of resources) {
            for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
                if (urns.some((u) => secretSources.has(u))) {
                    this.computedSecrets.add(`${resource.urn}\u0000${property}`);
                }
                const sources = urns.map((u) => byUrn.get(u)).filter((r): r is RecordedResource => r !== undefined);
                if (sources.length === 0) {
                    continue;
                }
                const declared = new Set(sources.flatMap((s) => leaves(s.inputs)).map(key));
                const computed = leaves(resource.inputs[property])
                    .filter((v) => typeof v !== "boolean" && !declared.has(key(v)))
                    .map(key);
                if (computed.length > 0) {
                    this.byProperty.set(`${resource.urn}\u0000${property}`, new Set(computed));
                }
            }
        }
    }

    /**
     * A string built around a computed resource path (`//certificatemanager.googleapis.com/` + a certificate
     * map's id `projects/.../certificateMaps/...`): a preview does not know it either.
     */
    private containsResourcePath(text: string): boolean {
        this.resourcePaths ??= [...this.strings].filter((s) => s.startsWith("projects/"));
        this.arns ??= [...this.strings].filter((s) => s.startsWith("arn:"));
        // A document built around a computed ARN (a role's trust policy naming a trust anchor).
        return this.resourcePaths.some((path) => text !== path && text.endsWith(`/${path}`)) || this.arns.some((arn) => text !== arn && text.includes(arn));
    }

    /** A string built around a placeholder address (`https://203.0.113.7:443/health`, `192.0.2.5:80`). */
    private containsAddress(text: string): boolean {
        if (this.addresses === undefined) {
            const addresses = [...this.strings].filter((s) => IPV4.test(s)).map((a) => a.replace(/\./g, "\\."));
            this.addresses = addresses.length > 0 ? new RegExp(`(^|[^\\d.])(${addresses.join("|")})($|[^\\d])`) : null;
        }
        return this.addresses !== null && this.addresses.test(text);
    }

    /**
     * True when a scalar is an output the mocks computed (or embeds a computed address): what a preview
     * would not know yet. Narrower than `isPlaceholder`: config values that merely look like placeholders stay
     * known, and the secret placeholder is computed only where the property takes a generated secret.
     */
    isComputed(leaf: unknown, where: ValueLocation): boolean {
        // A composite secret shows as SECRET_PLACEHOLDER plus a digest (offline/mockRuntime.ts).
        if (typeof leaf === "string" && leaf.startsWith(SECRET_PLACEHOLDER)) {
            return this.computedSecrets.has(`${where.urn}\u0000${topProperty(where.path)}`);
        }
        return (
            (typeof leaf === "string" && (this.strings.has(leaf) || this.containsAddress(leaf) || this.containsResourcePath(leaf) || this.jsonContainsComputed(leaf, where))) ||
            (typeof leaf === "number" && this.ids.has(leaf))
        );
    }

    /** A JSON document built from computed values (an IAM policy naming an ARN or an id): a preview knows none of it. */
    private jsonContainsComputed(text: string, where: ValueLocation): boolean {
        if (!/^\s*[{[]/.test(text)) {
            return false;
        }
        try {
            return leaves(JSON.parse(text)).some((leaf) => this.isComputed(leaf, where));
        } catch {
            return false;
        }
    }

    /** True when the value, or any scalar inside it, is a cloud-computed placeholder. */
    isPlaceholder(value: unknown, where?: ValueLocation): boolean {
        const scoped = where ? this.byProperty.get(`${where.urn}\u0000${topProperty(where.path)}`) : undefined;
        return leaves(value).some(
            (leaf) =>
                (typeof leaf === "string" && (this.strings.has(leaf) || /placeholder/i.test(leaf) || this.containsAddress(leaf))) ||
                (typeof leaf === "number" && this.ids.has(leaf)) ||
                (scoped !== undefined && scoped.has(key(leaf))),
        );
    }
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function topProperty(path: string): string {
    return path.split(/[.[]/)[0];
}

function key(value: string | number | boolean): string {
    return `${typeof value}:${String(value)}`;
}

/** Every scalar inside a value. */
export function leaves(value: unknown): (string | number | boolean)[] {
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
        return [value];
    }
    if (Array.isArray(value)) {
        return value.flatMap(leaves);
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).flatMap(leaves);
    }
    return [];
}
