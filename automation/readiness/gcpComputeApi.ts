import { ProbeScope } from "../probes/addressGuard";
import { apiBase, Unavailable } from "./apiAccess";

/**
 * Compute Engine API v1, `backendServices.getHealth` (cloud.google.com/compute/docs/reference/rest/v1/backendServices/getHealth):
 * `POST /projects/{project}/global/backendServices/{backendService}/getHealth`, body `{group}` (ResourceGroupReference:
 * "a URI referencing one of the instance groups or network endpoint groups listed in the backend service"). The
 * answer, `{kind: "compute#backendServiceGroupHealth", healthStatus: [...]}`, has one entry per instance of the group
 * with `instance` (its URL), `ipAddress`, `port` and `healthState` HEALTHY or UNHEALTHY, "determined based on configured
 * health checks". An empty group has no `healthStatus` (JSON leaves out an empty repeated field). OAuth scope
 * `compute.readonly` (or `cloud-platform`), IAM permission `compute.backendServices.get` (in roles/compute.viewer).
 * Errors are `{error: {code, message, status}}` (cloud.google.com/apis/design/errors). Not paginated.
 */
export const COMPUTE_API_URL = "https://compute.googleapis.com/compute/v1";

export interface BackendHealth {
    /** The instance's URL. */
    readonly instance: string;
    /** HEALTHY or UNHEALTHY (or what else Google adds: never counted as healthy). */
    readonly healthState: string;
}

export interface ComputeApi {
    /** The health the backend service's health check gives each instance of one of its groups. */
    backendHealth(project: string, backendService: string, group: string): Promise<BackendHealth[]>;
}

export interface ComputeApiOptions {
    /** Default COMPUTE_API_URL; MULTICLOUD_DR_GCP_COMPUTE_API_URL in the CLI (a loopback fake in tests). */
    readonly baseUrl?: string;
    /**
     * An OAuth 2.0 access token; GOOGLE_OAUTH_ACCESS_TOKEN, which the Pulumi Google Cloud provider reads too
     * (pulumi.com/docs/esc/providers/login/gcp-login: "reads the project and OAuth access token from the environment").
     */
    readonly token?: string;
    readonly scope: ProbeScope;
    readonly timeoutMs: number;
}

/** The Compute Engine API client, or why it cannot be used: no token, or a non-loopback API outside a real run. */
export function computeApi(options: ComputeApiOptions): ComputeApi | Unavailable {
    const access = apiBase(
        options.baseUrl ?? COMPUTE_API_URL,
        options.token,
        "no GCP access token (set GOOGLE_OAUTH_ACCESS_TOKEN, e.g. from `gcloud auth print-access-token`; roles/compute.viewer)",
        options.scope,
    );
    if ("unavailable" in access) {
        return access;
    }
    const { base } = access;
    return {
        backendHealth: async (project, backendService, group) => {
            const path = `/projects/${encodeURIComponent(project)}/global/backendServices/${encodeURIComponent(backendService)}/getHealth`;
            const response = await fetch(`${base}${path}`, {
                method: "POST",
                headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json", accept: "application/json", "user-agent": "multicloud-dr" },
                body: JSON.stringify({ group }),
                signal: AbortSignal.timeout(options.timeoutMs),
            });
            if (!response.ok) {
                // The token is never part of Google's error body.
                const body = (await response.json().catch(() => ({}))) as { error?: { message?: string; status?: string } };
                const why = [body.error?.status, body.error?.message].filter(Boolean).join(": ");
                throw new Error(`POST ${path}: HTTP ${response.status}${why ? ` (${why.split("\n")[0]})` : ""}`);
            }
            const body = (await response.json()) as { healthStatus?: Array<Record<string, unknown>> };
            return (body.healthStatus ?? []).map((status) => ({ instance: String(status.instance ?? ""), healthState: String(status.healthState ?? "") }));
        },
    };
}
