import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { APP_DEFAULTS, absolutePathProblem, gkeAgentNodePort, integerProblem, nodePortProblem } from "../topology";
import { gkeKubeconfig, podSpec } from "./gkeWorkloadSpec";
import { InputChecks } from "./inputErrors";

export interface GkeWorkloadCluster {
    readonly name: pulumi.Input<string>;
    readonly endpoint: pulumi.Input<string>;
    /** Base64 PEM, `Cluster.masterAuth.clusterCaCertificate`. */
    readonly caCertificate: pulumi.Input<string>;
}

export interface GkeWorkloadArgs {
    /** The cluster to deploy into; the component builds its own provider from these outputs. */
    readonly cluster: GkeWorkloadCluster;
    /**
     * Namespace of the workload (and of the Kubernetes SA the Google SA trusts).
     * @default "multicloud-dr"
     */
    readonly namespace?: string;
    /**
     * Kubernetes service account name.
     * @default "app"
     */
    readonly serviceAccountName?: string;
    /** Email of the Google service account the Kubernetes SA acts as (Workload Identity). */
    readonly googleServiceAccountEmail: pulumi.Input<string>;
    /** The AWS role the pods assume with the Google SA's ID token. */
    readonly awsRoleArn: pulumi.Input<string>;
    /** The audience the token is requested for; must match the role's trust (`accounts.google.com:oaud`). */
    readonly tokenAudience: string;
    readonly appImage: string;
    readonly appPort: number;
    readonly appHealthPath: string;
    /** @default {} */
    readonly appEnv?: Readonly<Record<string, string>>;
    /** @default APP_DEFAULTS.replicasPerRegion */
    readonly replicas?: number;
    readonly agentImage: string;
    readonly agentPort: number;
    /** The agent's environment (`agentEnvironment`). */
    readonly agentEnv: Readonly<Record<string, string>>;
    /** The agent's health path: readiness, and the load balancer's check. */
    readonly healthPath: string;
    /** NodePort of the app (the load balancer's named port). */
    readonly nodePort: number;
    /** @default gkeAgentNodePort(nodePort) */
    readonly agentNodePort?: number;
}

export const GKE_WORKLOAD_DEFAULTS = { namespace: "multicloud-dr", serviceAccountName: "app" } as const;

/**
 * The app and its site agent in one GKE cluster: namespace, Workload Identity service account, Deployment spread
 * over zones, PodDisruptionBudget, and a NodePort Service exposing the app and the agent on the ports the load
 * balancer uses. Takes nothing that a flip changes.
 */
export class GkeWorkload extends pulumi.ComponentResource {
    public readonly provider: k8s.Provider;
    public readonly deployment: k8s.apps.v1.Deployment;
    public readonly service: k8s.core.v1.Service;

    constructor(name: string, args: GkeWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:gcp:GkeWorkload", name, {}, opts);
        const namespaceName = args.namespace ?? GKE_WORKLOAD_DEFAULTS.namespace;
        const serviceAccountName = args.serviceAccountName ?? GKE_WORKLOAD_DEFAULTS.serviceAccountName;
        const replicas = args.replicas ?? APP_DEFAULTS.replicasPerRegion;
        const agentNodePort = args.agentNodePort ?? gkeAgentNodePort(args.nodePort);
        validate(args, replicas, agentNodePort);

        const kubeconfig = pulumi
            .all([args.cluster.name, args.cluster.endpoint, args.cluster.caCertificate])
            .apply(([cluster, endpoint, ca]) => gkeKubeconfig(cluster, endpoint, ca));
        this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig, enableServerSideApply: true }, { parent: this });
        const opt = { parent: this, provider: this.provider };
        const labels = { app: "multicloud-dr" };

        const namespace = new k8s.core.v1.Namespace(`${name}-ns`, { metadata: { name: namespaceName } }, opt);
        const metadata = (resource: string) => ({ name: resource, namespace: namespace.metadata.name, labels });
        const serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-sa`,
            // cloud.google.com/kubernetes-engine/docs/how-to/workload-identity: the annotation links the KSA to the GSA.
            { metadata: { ...metadata(serviceAccountName), annotations: { "iam.gke.io/gcp-service-account": args.googleServiceAccountEmail } } },
            opt,
        );
        this.deployment = new k8s.apps.v1.Deployment(
            `${name}-app`,
            {
                metadata: metadata("app"),
                spec: {
                    replicas,
                    selector: { matchLabels: labels },
                    strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
                    template: {
                        metadata: { labels },
                        spec: podSpec({
                            appImage: args.appImage,
                            appPort: args.appPort,
                            appHealthPath: args.appHealthPath,
                            appEnv: args.appEnv ?? {},
                            agentImage: args.agentImage,
                            agentPort: args.agentPort,
                            agentEnv: args.agentEnv,
                            healthPath: args.healthPath,
                            serviceAccountName: serviceAccount.metadata.name,
                            roleArn: args.awsRoleArn,
                            audience: args.tokenAudience,
                            labels,
                        }),
                    },
                },
            },
            opt,
        );
        new k8s.policy.v1.PodDisruptionBudget(`${name}-pdb`, { metadata: metadata("app"), spec: { maxUnavailable: 1, selector: { matchLabels: labels } } }, opt);
        this.service = new k8s.core.v1.Service(
            `${name}-svc`,
            {
                metadata: metadata("app"),
                spec: {
                    type: "NodePort",
                    selector: labels,
                    ports: [
                        { name: "app", port: args.appPort, targetPort: args.appPort, nodePort: args.nodePort },
                        { name: "agent", port: args.agentPort, targetPort: args.agentPort, nodePort: agentNodePort },
                    ],
                },
            },
            opt,
        );
        this.registerOutputs({});
    }
}

function validate(args: GkeWorkloadArgs, replicas: number, agentNodePort: number): void {
    new InputChecks("GkeWorkload")
        .check("appImage", args.appImage ? undefined : "must be a container image")
        .check("agentImage", args.agentImage ? undefined : "must be a container image")
        .check("appPort", integerProblem(args.appPort, { min: 1, max: 65535 }))
        .check("agentPort", args.agentPort === args.appPort ? "must differ from appPort: app and agent share the pod's network" : integerProblem(args.agentPort, { min: 1, max: 65535 }))
        .check("appHealthPath", absolutePathProblem(args.appHealthPath))
        .check("healthPath", absolutePathProblem(args.healthPath))
        .check("replicas", integerProblem(replicas, { min: 2 }))
        .check("nodePort", nodePortProblem(args.nodePort))
        .check("agentNodePort", agentNodePort === args.nodePort ? "must differ from nodePort" : nodePortProblem(agentNodePort))
        .check("tokenAudience", args.tokenAudience ? undefined : "must be the AWS role's audience")
        .check("agentEnv", Object.keys(args.agentEnv).every((k) => k.startsWith("MCDR_")) ? undefined : "must hold only MCDR_* variables")
        .check("appEnv", Object.keys(args.appEnv ?? {}).some((k) => k.startsWith("MCDR_") || k.startsWith("AWS_")) ? "must not set MCDR_* or AWS_* variables" : undefined)
        .throwIfAny();
}
