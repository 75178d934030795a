import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AGENT_ACTIVE_SITE_DIR, AppContainers } from "../topology";

/** Pure builders of what `GkeWorkload` declares, so tests read the manifests without a cluster. */

export const APP_CONTAINER = "app";
export const AGENT_CONTAINER = "agent";
/** Fetches the Google service account's ID token the AWS SDK exchanges (`AWS_WEB_IDENTITY_TOKEN_FILE`). */
export const TOKEN_CONTAINER = "aws-token";
export const TOKEN_IMAGE = "curlimages/curl:8.11.1";
export const TOKEN_DIR = "/var/run/mcdr-aws";
export const TOKEN_FILE = `${TOKEN_DIR}/token`;
/** Google ID tokens last an hour; the SDK re-reads the file when its credentials expire. */
export const TOKEN_REFRESH_SECONDS = 1800;

/**
 * A kubeconfig for one GKE cluster that authenticates with the `gke-gcloud-auth-plugin` exec plugin (the only
 * supported way since GKE 1.26: cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl), so no
 * token or key is stored in state. Whoever runs Pulumi needs the plugin on its PATH.
 */
export function gkeKubeconfig(name: string, endpoint: string, caCertificate: string): string {
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: `https://${endpoint}`, "certificate-authority-data": caCertificate } }],
        users: [{
            name,
            user: {
                exec: {
                    apiVersion: "client.authentication.k8s.io/v1beta1",
                    command: "gke-gcloud-auth-plugin",
                    provideClusterInfo: true,
                    installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
                },
            },
        }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
    });
}

/**
 * The shell the token containers run: ask the GKE metadata server (Workload Identity answers as the Google
 * service account bound to the pod's Kubernetes SA) for an ID token with the AWS role's audience, and replace the
 * file atomically. `once` for the init container, otherwise a refresh loop that stops on SIGTERM.
 */
export function tokenScript(audience: string, mode: "once" | "refresh"): string {
    const url = `http://metadata.google.internal/computeMetadata/v1/instance/service-accounts/default/identity?audience=${encodeURIComponent(audience)}&format=full`;
    const fetch = `fetch() { curl -sSf -H 'Metadata-Flavor: Google' '${url}' -o ${TOKEN_FILE}.tmp && mv ${TOKEN_FILE}.tmp ${TOKEN_FILE}; }`;
    const body = mode === "once"
        ? "until fetch; do sleep 2; done"
        : `trap 'exit 0' TERM; while :; do sleep ${TOKEN_REFRESH_SECONDS} & wait $!; until fetch; do sleep 10 & wait $!; done; done`;
    return `set -u; ${fetch}; ${body}`;
}

export interface PodSpecInput extends AppContainers {
    readonly agentEnv: Readonly<Record<string, string>>;
    /** The agent's health path (`healthCheck.path`): readiness. */
    readonly healthPath: string;
    readonly serviceAccountName: pulumi.Input<string>;
    readonly roleArn: pulumi.Input<string>;
    readonly audience: string;
    readonly labels: Readonly<Record<string, string>>;
}

function envList(env: Readonly<Record<string, pulumi.Input<string>>>): k8s.types.input.core.v1.EnvVar[] {
    return Object.entries(env).map(([name, value]) => ({ name, value }));
}

export function podSpec(input: PodSpecInput): k8s.types.input.core.v1.PodSpec {
    const aws = { AWS_ROLE_ARN: input.roleArn, AWS_WEB_IDENTITY_TOKEN_FILE: TOKEN_FILE, AWS_ROLE_SESSION_NAME: "gke" };
    const tokenMount = { name: "aws-token", mountPath: TOKEN_DIR };
    const tokenReadOnly = { ...tokenMount, readOnly: true };
    const activeSite = { name: "active-site", mountPath: AGENT_ACTIVE_SITE_DIR };
    const tokenContainer = (name: string, mode: "once" | "refresh"): k8s.types.input.core.v1.Container => ({
        name,
        image: TOKEN_IMAGE,
        command: ["/bin/sh", "-c", tokenScript(input.audience, mode)],
        volumeMounts: [tokenMount],
        resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "32Mi" } },
    });
    return {
        serviceAccountName: input.serviceAccountName,
        nodeSelector: { "iam.gke.io/gke-metadata-server-enabled": "true" },
        initContainers: [tokenContainer(`${TOKEN_CONTAINER}-init`, "once")],
        containers: [
            {
                name: APP_CONTAINER,
                image: input.appImage,
                ports: [{ name: "app", containerPort: input.appPort }],
                env: envList({ ...input.appEnv, ...aws }),
                volumeMounts: [{ ...activeSite, readOnly: true }, tokenReadOnly],
                livenessProbe: { httpGet: { path: input.appHealthPath, port: input.appPort }, periodSeconds: 10, failureThreshold: 3 },
                resources: { requests: { cpu: "250m", memory: "256Mi" } },
            },
            {
                name: AGENT_CONTAINER,
                image: input.agentImage,
                ports: [{ name: "agent", containerPort: input.agentPort }],
                env: envList({ ...input.agentEnv, ...aws }),
                volumeMounts: [activeSite, tokenReadOnly],
                readinessProbe: { httpGet: { path: input.healthPath, port: input.agentPort }, periodSeconds: 5, failureThreshold: 2 },
                resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "128Mi" } },
            },
            tokenContainer(TOKEN_CONTAINER, "refresh"),
        ],
        volumes: [
            { name: "active-site", emptyDir: {} },
            { name: "aws-token", emptyDir: { medium: "Memory" } },
        ],
        topologySpreadConstraints: [{
            maxSkew: 1,
            topologyKey: "topology.kubernetes.io/zone",
            whenUnsatisfiable: "ScheduleAnyway",
            labelSelector: { matchLabels: { ...input.labels } },
        }],
    };
}
