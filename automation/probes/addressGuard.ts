import { isIP } from "net";

/**
 * Outside a real run (tests, CI without credentials) the tool only sends probes to loopback
 * addresses; everything else is reported as "refused" without any traffic, not even a DNS lookup.
 */
export interface ProbeScope {
    readonly allowRemote: boolean;
}

export function isLoopbackHost(host: string): boolean {
    const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
    if (bare === "localhost") {
        return true;
    }
    if (isIP(bare) === 4) {
        return bare.startsWith("127.");
    }
    return bare === "::1" || bare === "0:0:0:0:0:0:0:1";
}

/** Why a host may not be probed in this scope, or undefined when it may. */
export function refusalFor(host: string, scope: ProbeScope): string | undefined {
    return scope.allowRemote || isLoopbackHost(host) ? undefined : `not probing ${host}: only loopback addresses outside a real run`;
}
