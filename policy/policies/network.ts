/** Small address and port arithmetic the network policies share. */

export function parseIpv4(text: string): number | undefined {
    const parts = text.trim().split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
        return undefined;
    }
    return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

interface Ipv4Cidr {
    readonly base: number;
    readonly prefix: number;
}

export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
    const [address, prefixText = "32"] = text.trim().split("/");
    const base = parseIpv4(address);
    const prefix = Number(prefixText);
    if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) {
        return undefined;
    }
    return { base, prefix };
}

function blockOf(address: number, prefix: number): number {
    return prefix === 0 ? 0 : Math.floor(address / 2 ** (32 - prefix));
}

/** Whether `inner` (an address or a CIDR) lies entirely within the CIDR `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
    const o = parseIpv4Cidr(outer);
    const i = parseIpv4Cidr(inner);
    if (!o || !i || i.prefix < o.prefix) {
        return false;
    }
    return blockOf(o.base, o.prefix) === blockOf(i.base, o.prefix);
}

/** A CIDR that admits the whole internet: 0.0.0.0/0 or ::/0 (any prefix length of zero). */
export function isWholeInternet(cidr: string): boolean {
    const prefix = cidr.trim().split("/")[1];
    return prefix !== undefined && Number(prefix) === 0;
}

/** The host part of "host:port" (Linode NodeBalancer node addresses). */
export function hostOf(address: string): string {
    const colon = address.lastIndexOf(":");
    return colon < 0 ? address : address.slice(0, colon);
}

/** Whether a port list covers `port`. Absent or empty means every port (Linode and GCP firewall semantics). */
export function portsInclude(ports: string | string[] | undefined, port: number): boolean {
    if (ports === undefined) {
        return true;
    }
    const items = (Array.isArray(ports) ? ports : [ports]).flatMap((p) => String(p).split(",")).filter((p) => p.trim() !== "");
    if (items.length === 0) {
        return true;
    }
    return items.some((item) => {
        const [low, high = low] = item.trim().split("-").map((n) => Number(n.trim()));
        return Number.isFinite(low) && Number.isFinite(high) && low <= port && port <= high;
    });
}
