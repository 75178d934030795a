import { BadInputError } from "../../topology";
import { guardedResolver, parseDnsServer, ResolverOptions } from "../drill/resolver";

export type NameServerAnswer =
    | { readonly ok: true; readonly nameServers: readonly string[]; readonly server: string }
    | { readonly ok: false; readonly detail: string; readonly server: string };

/** Looks up a zone's NS records. Never throws. */
export type NameServerResolver = (zone: string) => Promise<NameServerAnswer>;

/** `--resolver host:port`: the drill's `--dns-server` syntax, named as this command names it. */
export function parseResolver(text: string): string {
    try {
        return parseDnsServer(text);
    } catch (err) {
        throw new BadInputError((err as Error).message.replace("--dns-server", "--resolver"));
    }
}

/**
 * NS records through the drill's `guardedResolver` (`automation/drill/resolver.ts`): one given server, or the
 * system's in a real run only; outside a real run a loopback server only.
 */
export function nameServerResolver(options: ResolverOptions): NameServerResolver {
    const server = options.server ?? "system";
    return async (zone) => {
        const guarded = guardedResolver(options, "--resolver");
        if ("refusal" in guarded) {
            return { ok: false, detail: guarded.refusal, server };
        }
        try {
            return { ok: true, nameServers: await guarded.resolver.resolveNs(zone), server };
        } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            return { ok: false, detail: code ? `${code} for ${zone} NS` : (err as Error).message, server };
        }
    };
}

/** DNS names compare without case and without the root's trailing dot. */
export function sameNames(a: readonly string[], b: readonly string[]): boolean {
    const norm = (names: readonly string[]) => [...new Set(names.map((n) => n.toLowerCase().replace(/\.$/, "")))].sort();
    return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
