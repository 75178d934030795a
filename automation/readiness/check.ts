import { Site } from "../../topology";
import type { HostResolver } from "../drill/resolver";
import type { DrContext } from "../operations/context";
import type { StackState } from "../stackState";
import type { Unavailable } from "./apiAccess";
import type { ComputeApi } from "./gcpComputeApi";
import type { LinodeApi } from "./linodeApi";
import type { NameServerResolver } from "./nameServers";

/** pass: as it should be. fail: a failover would not work as planned. skipped: not checked (the detail says why); never counts as a pass. */
export type CheckVerdict = "pass" | "fail" | "skipped";

export interface CheckOutcome {
    readonly verdict: CheckVerdict;
    /** One line: what was found. */
    readonly detail: string;
    /** One line per thing looked at (a drifted property, an endpoint, a record). */
    readonly evidence?: readonly string[];
}

export interface CheckResult extends CheckOutcome {
    readonly name: string;
    readonly ms: number;
}

/** What tells a site's capacity: an API client per cloud, or why there is none (no credentials, not allowed here). */
export interface CapacityReader {
    readonly linode: LinodeApi | Unavailable;
    readonly gcp: ComputeApi | Unavailable;
}

/** What the checks reach the estate through, besides the context's stack and probes. */
export interface ReadinessEnvironment {
    /** A records through the resolver given with --resolver. */
    readonly resolve: HostResolver;
    /** NS records through the same resolver. */
    readonly resolveNs: NameServerResolver;
    /** The cloud APIs that tell a site's capacity. */
    readonly capacity: CapacityReader;
}

/** What one check gets: the stack as read once for the whole run, and where traffic is deployed. */
export interface ReadinessInput {
    readonly ctx: DrContext;
    readonly env: ReadinessEnvironment;
    readonly state: StackState;
    /** The deployed active site (config's while nothing is deployed). */
    readonly activeSite: Site;
    readonly standbySite: Site;
    /** The deployed Linode region (config's while nothing is deployed). */
    readonly linodeRegion: string;
}

/** One readiness check: a name (what `--json`, the text and the README use) and its run. It may throw: that is a fail. */
export interface ReadinessCheck {
    readonly name: string;
    /** What it checks, for the report. */
    readonly description: string;
    run(input: ReadinessInput): Promise<CheckOutcome>;
}

export const pass = (detail: string, evidence?: readonly string[]): CheckOutcome => ({ verdict: "pass", detail, evidence });
export const fail = (detail: string, evidence?: readonly string[]): CheckOutcome => ({ verdict: "fail", detail, evidence });
export const skipped = (why: string): CheckOutcome => ({ verdict: "skipped", detail: `skipped: ${why}` });

/** The host of an endpoint URL from the stack outputs (brackets of an IPv6 literal removed), or undefined. */
export function hostOfUrl(url: string | undefined): string | undefined {
    if (!url) {
        return undefined;
    }
    try {
        return new URL(url).hostname.replace(/^\[|\]$/g, "");
    } catch {
        return undefined;
    }
}
