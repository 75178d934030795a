import { DnsAnswers, serveDns } from "../drill/dnsServer";

/** Answers per name: A addresses and NS names; a name with neither is NXDOMAIN. */
export type Zone = DnsAnswers;

export interface ZoneDnsServer {
    /** `127.0.0.1:<port>`, for --resolver. */
    readonly address: string;
    /** name -> answers; tests change it. */
    zones: Record<string, Zone>;
    /** `<type> <name>` asked, in order. */
    readonly queries: string[];
    close(): Promise<void>;
}

/** A DNS server answering A and NS queries from `zones` (the drill's `serveDns`). */
export async function startZoneDnsServer(zones: Record<string, Zone> = {}): Promise<ZoneDnsServer> {
    const state = { zones, queries: [] as string[] };
    const served = await serveDns(
        (name) => state.zones[name.toLowerCase()],
        (name, type) => state.queries.push(`${type} ${name}`),
    );
    return {
        address: served.address,
        get zones() {
            return state.zones;
        },
        set zones(z) {
            state.zones = z;
        },
        queries: state.queries,
        close: served.close,
    };
}
