import { AddressInfo } from "net";
// eslint-disable-next-line @typescript-eslint/no-require-imports
import DNS = require("dns2");

/** Answers per name: A addresses and NS names; a name with neither is NXDOMAIN. */
export interface Zone {
    readonly a?: readonly string[];
    readonly ns?: readonly string[];
}

export interface ZoneDnsServer {
    /** `127.0.0.1:<port>`, for --resolver. */
    readonly address: string;
    /** name -> answers; tests change it. */
    zones: Record<string, Zone>;
    /** `<type> <name>` asked, in order. */
    readonly queries: string[];
    close(): Promise<void>;
}

/** A real DNS server (dns2, UDP) on 127.0.0.1 answering A and NS queries from `zones`. */
export async function startZoneDnsServer(zones: Record<string, Zone> = {}): Promise<ZoneDnsServer> {
    const { Packet } = DNS;
    const state = { zones, queries: [] as string[] };
    const server = DNS.createServer({
        udp: true,
        handle: (request, send) => {
            const response = Packet.createResponseFromRequest(request);
            const [question] = request.questions;
            const zone = state.zones[question.name.toLowerCase()];
            state.queries.push(`${question.type === Packet.TYPE.NS ? "NS" : question.type === Packet.TYPE.A ? "A" : question.type} ${question.name}`);
            if (!zone) {
                // dns2 ships Packet.RCODE but its type declarations omit it.
                response.header.rcode = (Packet as unknown as { RCODE: { NXDOMAIN: number } }).RCODE.NXDOMAIN;
            } else if (question.type === Packet.TYPE.A) {
                for (const address of zone.a ?? []) {
                    response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 30, address }));
                }
            } else if (question.type === Packet.TYPE.NS) {
                for (const ns of zone.ns ?? []) {
                    response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.NS, class: Packet.CLASS.IN, ttl: 300, ns }));
                }
            }
            send(response);
        },
    });
    const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
    return {
        address: `127.0.0.1:${(addresses.udp as AddressInfo).port}`,
        get zones() {
            return state.zones;
        },
        set zones(z) {
            state.zones = z;
        },
        queries: state.queries,
        close: async () => {
            await server.close();
        },
    };
}
