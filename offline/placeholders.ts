/**
 * Deterministic stand-ins for values only a cloud can compute (addresses, ids, ARNs). Addresses come from the
 * documentation ranges of RFC 5737, so nothing can ever reach them, and every placeholder is reported as such.
 */

export const PLACEHOLDER_ACCOUNT = "123456789012";

const RANGES = {
    /** Public addresses the clouds assign (load balancers, NodeBalancers). */
    public: "203.0.113",
    /** Public addresses of Linode instances. */
    instance: "198.51.100",
    /** Private addresses of Linode instances. */
    private: "192.0.2",
} as const;
export type AddressKind = keyof typeof RANGES;

export function stableHash(text: string): number {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
}

/** Hands out one address per key, stable for a key and distinct within one evaluation. */
export class AddressBook {
    private readonly byKey = new Map<string, string>();
    private readonly used = new Set<string>();

    address(kind: AddressKind, key: string): string {
        const memoKey = `${kind}/${key}`;
        const known = this.byKey.get(memoKey);
        if (known) {
            return known;
        }
        let host = (stableHash(key) % 254) + 1;
        for (let tries = 0; this.used.has(`${RANGES[kind]}.${host}`); tries++) {
            if (tries >= 254) {
                throw new Error(`placeholder range ${RANGES[kind]}.0/24 is exhausted`);
            }
            host = (host % 254) + 1;
        }
        const address = `${RANGES[kind]}.${host}`;
        this.used.add(address);
        this.byKey.set(memoKey, address);
        return address;
    }
}

/** A numeric id like Linode's, stable for a resource name. */
export function numericId(key: string): string {
    return String(100000 + (stableHash(key) % 900000));
}
