import { promises as dns } from "dns";
import { isIP } from "net";
import { BadInputError } from "../../topology";
import { ProbeScope, refusalFor } from "../probes/addressGuard";

export type Resolution =
    | { readonly ok: true; readonly addresses: readonly string[]; readonly server: string }
    | { readonly ok: false; readonly detail: string; readonly server: string };

/** Looks up a hostname's A records. Never throws: a failed lookup is an answer too. */
export type HostResolver = (hostname: string) => Promise<Resolution>;

export interface ResolverOptions {
    /** `address[:port]` of the DNS server to ask; default: the system's resolvers. */
    readonly server?: string;
    readonly timeoutMs: number;
    readonly scope: ProbeScope;
}

/** Parses `--dns-server`: an IPv4 address with an optional port, or `[IPv6]:port`. */
export function parseDnsServer(text: string): string {
    const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+))(?::(\d{1,5}))?$/.exec(text.trim());
    const host = match?.[1] ?? match?.[2];
    const port = match?.[3] === undefined ? undefined : Number(match[3]);
    if (!host || isIP(host) === 0 || (port !== undefined && (port < 1 || port > 65535))) {
        throw new BadInputError(`--dns-server "${text}" must be an IP address with an optional port, e.g. 127.0.0.1:5353`);
    }
    return text.trim();
}

function hostOfServer(server: string): string {
    return server.startsWith("[") ? server.slice(1, server.indexOf("]")) : server.split(":")[0];
}

/**
 * Node's resolver (c-ares), pointed at one DNS server when given; or why it may not be asked. Outside a real run it
 * only asks a loopback server, and without one it asks nobody: a lookup through the system would leave the machine.
 * `flag` names the option that gives the server, for the refusal.
 */
export function guardedResolver(options: ResolverOptions, flag: string): { readonly resolver: dns.Resolver } | { readonly refusal: string } {
    const refusal = options.server
        ? refusalFor(hostOfServer(options.server), options.scope)
        : options.scope.allowRemote
          ? undefined
          : `not resolving through the system's DNS outside a real run: pass ${flag}`;
    if (refusal) {
        return { refusal: refusal.replace("probing", "asking DNS server") };
    }
    const resolver = new dns.Resolver({ timeout: options.timeoutMs, tries: 1 });
    if (options.server) {
        resolver.setServers([options.server]);
    }
    return { resolver };
}

/** A records through `guardedResolver`. */
export function dnsResolver(options: ResolverOptions): HostResolver {
    const server = options.server ?? "system";
    return async (hostname) => {
        const guarded = guardedResolver(options, "--dns-server");
        if ("refusal" in guarded) {
            return { ok: false, detail: guarded.refusal, server };
        }
        try {
            const addresses = await guarded.resolver.resolve4(hostname);
            return { ok: true, addresses, server };
        } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            return { ok: false, detail: code ? `${code} for ${hostname}` : (err as Error).message, server };
        }
    };
}
