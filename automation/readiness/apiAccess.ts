import { ProbeScope, refusalFor } from "../probes/addressGuard";

/** Why a cloud API cannot be asked in this run (no credentials, not allowed here). */
export interface Unavailable {
    readonly unavailable: string;
}

/**
 * The API base URL without trailing slashes, or why it may not be called: a token is missing, the URL is not one,
 * or it is not loopback outside a real run (the probes' rule, `automation/probes/addressGuard.ts`).
 */
export function apiBase(url: string, token: string | undefined, missingToken: string, scope: ProbeScope): { readonly base: string } | Unavailable {
    const base = url.replace(/\/+$/, "");
    if (!token) {
        return { unavailable: missingToken };
    }
    let host: string;
    try {
        host = new URL(base).hostname;
    } catch {
        return { unavailable: `the API URL ${base} is not a URL` };
    }
    const refusal = refusalFor(host, scope);
    return refusal ? { unavailable: refusal.replace("probing", "calling") } : { base };
}
