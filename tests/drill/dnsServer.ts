import { AddressInfo } from "net";
// eslint-disable-next-line @typescript-eslint/no-require-imports
import DNS = require("dns2");

export interface DnsServer {
    /** `127.0.0.1:<port>`, for --dns-server. */
    readonly address: string;
    /** The A records for a name; none: NXDOMAIN. Tests change it. */
    answer: (name: string) => string[];
    /** Names asked, in order. */
    readonly queries: string[];
    close(): Promise<void>;
}

/** A real DNS server (dns2, UDP) on 127.0.0.1 answering A queries from `answer`. */
export async function startDnsServer(answer: (name: string) => string[] = () => []): Promise<DnsServer> {
    const { Packet } = DNS;
    const state = { answer, queries: [] as string[] };
    const server = DNS.createServer({
        udp: true,
        handle: (request, send) => {
            const response = Packet.createResponseFromRequest(request);
            const [question] = request.questions;
            state.queries.push(question.name);
            const addresses = question.type === Packet.TYPE.A ? state.answer(question.name) : [];
            if (addresses.length === 0) {
                // dns2 ships Packet.RCODE but its type declarations omit it.
                response.header.rcode = (Packet as unknown as { RCODE: { NXDOMAIN: number } }).RCODE.NXDOMAIN;
            }
            for (const address of addresses) {
                response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 30, address }));
            }
            send(response);
        },
    });
    const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
    const port = (addresses.udp as AddressInfo).port;
    return {
        address: `127.0.0.1:${port}`,
        get answer() {
            return state.answer;
        },
        set answer(fn) {
            state.answer = fn;
        },
        queries: state.queries,
        close: async () => {
            await server.close();
        },
    };
}
