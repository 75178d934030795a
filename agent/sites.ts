/**
 * The two sites, kept here so the agent builds without the rest of the repository (its image holds only
 * `agent/`). A test checks it against `topology/sites.ts`.
 */
export const SITES = ["gcp", "linode"] as const;
export type Site = (typeof SITES)[number];

export function isSite(value: unknown): value is Site {
    return typeof value === "string" && (SITES as readonly string[]).includes(value);
}

const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function isAwsRegion(value: unknown): value is string {
    return typeof value === "string" && AWS_REGION.test(value);
}
