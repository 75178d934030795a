import { AddressInfo } from "net";
// eslint-disable-next-line @typescript-eslint/no-require-imports
import DNS = require("dns2");

/** What a name answers: A addresses and NS names, each only to its own question type. */
export interface DnsAnswers {
    readonly a?: readonly string[];
    readonly ns?: readonly string[];
}

/** The answers for a name asked with a question type (`A`, `NS`, or the number of another); undefined: NXDOMAIN. */
export type DnsResponder = (name: string, type: string) => DnsAnswers | undefined;

/** A real DNS server (dns2, UDP) on 127.0.0.1: every question goes to `onQuery`, then is answered by `respond`. */
export async function serveDns(respond: DnsResponder, onQuery: (name: string, type: string) => void): Promise<{ address: string; close(): Promise<void> }> {
    const { Packet } = DNS;
    const server = DNS.createServer({
        udp: true,
        handle: (request, send) => {
            const response = Packet.createResponseFromRequest(request);
            const [question] = request.questions;
            const type = question.type === Packet.TYPE.A ? "A" : question.type === Packet.TYPE.NS ? "NS" : String(question.type);
            onQuery(question.name, type);
            const answers = respond(question.name, type);
            if (!answers) {
                // dns2 ships Packet.RCODE but its type declarations omit it.
                response.header.rcode = (Packet as unknown as { RCODE: { NXDOMAIN: number } }).RCODE.NXDOMAIN;
            } else if (type === "A") {
                for (const address of answers.a ?? []) {
                    response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 30, address }));
                }
            } else if (type === "NS") {
                for (const ns of answers.ns ?? []) {
                    response.answers.push(Packet.createResourceFromQuestion(question, { type: Packet.TYPE.NS, class: Packet.CLASS.IN, ttl: 300, ns }));
                }
            }
            send(response);
        },
    });
    const addresses = await server.listen({ udp: { port: 0, address: "127.0.0.1" } });
    return {
        address: `127.0.0.1:${(addresses.udp as AddressInfo).port}`,
        close: async () => {
            await server.close();
        },
    };
}

export interface DnsServer {
    /** `127.0.0.1:<port>`, for --dns-server. */
    readonly address: string;
    /** The A records for a name; none: NXDOMAIN. Tests change it. */
    answer: (name: string) => string[];
    /** Names asked, in order. */
    readonly queries: string[];
    close(): Promise<void>;
}

/** A DNS server answering A queries from `answer`; a name with no address (or another question) is NXDOMAIN. */
export async function startDnsServer(answer: (name: string) => string[] = () => []): Promise<DnsServer> {
    const state = { answer, queries: [] as string[] };
    const served = await serveDns(
        (name, type) => {
            const a = type === "A" ? state.answer(name) : [];
            return a.length > 0 ? { a } : undefined;
        },
        (name) => state.queries.push(name),
    );
    return {
        address: served.address,
        get answer() {
            return state.answer;
        },
        set answer(fn) {
            state.answer = fn;
        },
        queries: state.queries,
        close: served.close,
    };
}
