import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isKnown, knownItems, validateStackOf, validateType } from "./values";

export const K8S_DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const K8S_PDB = "kubernetes:policy/v1:PodDisruptionBudget";
export const ZONE_TOPOLOGY_KEY = "topology.kubernetes.io/zone";
/** Static AWS keys in a pod: the one thing Workload Identity exists to avoid. */
const STATIC_AWS_KEYS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

type Container = Record<string, any>;

function containersOf(deployment: Record<string, any>): Container[] {
    return knownItems<Container>(deployment.spec?.template?.spec?.containers);
}

export const k8sDeploymentResilient: ResourceValidationPolicy = {
    name: "k8s-deployment-resilient",
    description: "Site Deployments run at least two replicas spread across zones, with readiness and liveness probes and resource requests on every serving container.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(K8S_DEPLOYMENT, (deployment, _args, reportViolation) => {
        const replicas = deployment.spec?.replicas;
        if (isKnown(replicas) && !(typeof replicas === "number" && replicas >= 2)) {
            reportViolation(`replicas is ${String(replicas ?? "unset (1)")}; at least 2, so a node or zone loss leaves one serving.`);
        }
        const spread = knownItems<Record<string, any>>(deployment.spec?.template?.spec?.topologySpreadConstraints);
        if (isKnown(deployment.spec?.template?.spec) && !spread.some((c) => c.topologyKey === ZONE_TOPOLOGY_KEY)) {
            reportViolation(`no topology spread over ${ZONE_TOPOLOGY_KEY}: every replica may land in one zone.`);
        }
        const containers = containersOf(deployment);
        if (containers.length > 0) {
            if (!containers.some((c) => c.readinessProbe)) {
                reportViolation("no container has a readiness probe: pods take traffic before the agent says they can serve.");
            }
            if (!containers.some((c) => c.livenessProbe)) {
                reportViolation("no container has a liveness probe: a hung app is never restarted.");
            }
        }
        for (const c of containers.filter((c) => !c.resources?.requests?.cpu || !c.resources?.requests?.memory)) {
            reportViolation(`container ${String(c.name)} has no cpu and memory requests: the scheduler may overcommit its node.`);
        }
    }),
};

export const k8sNoStaticAwsKeys: ResourceValidationPolicy = {
    name: "k8s-no-static-aws-keys",
    description: "No container gets static AWS keys in its environment: pods reach AWS through web identity.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(K8S_DEPLOYMENT, (deployment, _args, reportViolation) => {
        for (const c of containersOf(deployment)) {
            for (const env of knownItems<Record<string, any>>(c.env).filter((e) => STATIC_AWS_KEYS.includes(e.name))) {
                reportViolation(`container ${String(c.name)} sets ${env.name}: use AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE.`);
            }
        }
    }),
};

function sameLabels(a: unknown, b: unknown): boolean {
    return JSON.stringify(Object.entries((a ?? {}) as object).sort()) === JSON.stringify(Object.entries((b ?? {}) as object).sort());
}

export const k8sDeploymentDisruptionBudget: StackValidationPolicy = {
    name: "k8s-deployment-disruption-budget",
    description: "Every Deployment has a PodDisruptionBudget selecting its pods, so node upgrades never drain a region at once.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: validateStackOf([K8S_DEPLOYMENT], (resources, _args, reportViolation) => {
        const budgets = resources.filter((r) => r.type === K8S_PDB);
        for (const deployment of resources.filter((r) => r.type === K8S_DEPLOYMENT)) {
            const selector = deployment.props.spec?.selector?.matchLabels;
            if (!isKnown(selector)) {
                continue;
            }
            const covered = budgets.some(
                (b) => b.props.metadata?.namespace === deployment.props.metadata?.namespace && sameLabels(b.props.spec?.selector?.matchLabels, selector),
            );
            if (!covered) {
                reportViolation(`Deployment ${deployment.name} has no PodDisruptionBudget selecting ${JSON.stringify(selector)}.`, deployment.urn);
            }
        }
    }),
};

export const kubernetesPolicies = [k8sDeploymentResilient, k8sNoStaticAwsKeys, k8sDeploymentDisruptionBudget];
