/** The two places the application can run. */
export const SITES = ["gcp", "linode"] as const;
export type Site = (typeof SITES)[number];

export function isSite(value: unknown): value is Site {
    return typeof value === "string" && (SITES as readonly string[]).includes(value);
}

export function otherSite(site: Site): Site {
    return site === "gcp" ? "linode" : "gcp";
}
