import { BlockList, isIP } from "net";

/** Address families, named as `net.BlockList` names them. */
export type IpFamily = "ipv4" | "ipv6";

export interface Cidr {
    readonly address: string;
    readonly prefix: number;
    readonly family: IpFamily;
}

const MAX_PREFIX: Readonly<Record<IpFamily, number>> = { ipv4: 32, ipv6: 128 };

/** The family of an IPv4 or IPv6 address, or undefined. Scoped IPv6 (`fe80::1%eth0`) is refused: firewalls take no zone. */
export function ipFamily(text: string): IpFamily | undefined {
    if (text.includes("%")) {
        return undefined;
    }
    const version = isIP(text);
    return version === 4 ? "ipv4" : version === 6 ? "ipv6" : undefined;
}

/** `address/prefix` of either family with a prefix the family allows; undefined otherwise. */
export function parseCidr(text: string): Cidr | undefined {
    const parts = text.trim().split("/");
    if (parts.length !== 2 || !/^\d{1,3}$/.test(parts[1])) {
        return undefined;
    }
    const family = ipFamily(parts[0]);
    const prefix = Number(parts[1]);
    return family && prefix <= MAX_PREFIX[family] ? { address: parts[0], prefix, family } : undefined;
}

/** A CIDR, or a bare address read as the block of that one address. */
export function parseAddressOrCidr(text: string): Cidr | undefined {
    const family = ipFamily(text.trim());
    return family ? { address: text.trim(), prefix: MAX_PREFIX[family], family } : parseCidr(text);
}

/** Whether `inner` (an address or a CIDR) lies entirely within `outer`; never across families. */
export function cidrContains(outer: string, inner: string): boolean {
    const o = parseAddressOrCidr(outer);
    const i = parseAddressOrCidr(inner);
    if (!o || !i || o.family !== i.family || i.prefix < o.prefix) {
        return false;
    }
    const block = new BlockList();
    block.addSubnet(o.address, o.prefix, o.family);
    return block.check(i.address, i.family);
}

/** A CIDR that admits the whole internet: 0.0.0.0/0 or ::/0 (any address with a prefix of zero). */
export function isWholeInternet(cidr: string): boolean {
    return parseCidr(cidr)?.prefix === 0;
}
