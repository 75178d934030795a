/** Host-and-port helpers the network policies share (CIDR checks live in topology/cidr.ts). */

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
