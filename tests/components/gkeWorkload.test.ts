import * as assert from "assert";
import { GkeWorkload, GkeWorkloadArgs, tokenScript } from "../../components";
import { evaluateDeclarations, Evaluation } from "../../offline";
import { rejectsInput } from "../support/inputErrors";
import { named, ofType } from "../support/resources";

const args: GkeWorkloadArgs = {
    cluster: { name: "c1", endpoint: "192.0.2.10", caCertificate: "Q0E=" },
    googleServiceAccountEmail: "app@p-123.iam.gserviceaccount.com",
    awsRoleArn: "arn:aws:iam::123456789012:role/app",
    tokenAudience: "sts.amazonaws.com",
    appImage: "example/app:1",
    appPort: 8080,
    appHealthPath: "/healthz",
    appEnv: { LOG_LEVEL: "info" },
    replicas: 3,
    agentImage: "example/agent:1",
    agentPort: 9090,
    agentEnv: { MCDR_SITE: "gcp", MCDR_LISTEN: "0.0.0.0:9090" },
    healthPath: "/health",
    nodePort: 30080,
};

const declare = (overrides: Partial<GkeWorkloadArgs> = {}): Promise<Evaluation> =>
    evaluateDeclarations(() => (new GkeWorkload("w", { ...args, ...overrides }), {}));

describe("GkeWorkload component", () => {
    let ev: Evaluation;
    before(async () => {
        ev = await declare();
    });
    const pod = () => named(ev.resources, "w-app").inputs.spec.template.spec;
    const container = (name: string) => pod().containers.find((c: { name: string }) => c.name === name);
    const env = (name: string) => Object.fromEntries(container(name).env.map((e: { name: string; value: string }) => [e.name, e.value]));

    it("deploys through its own provider, built from the cluster with the gke-gcloud-auth-plugin", () => {
        const [provider] = ofType(ev.resources, "pulumi:providers:kubernetes");
        const kubeconfig = JSON.parse(provider.inputs.kubeconfig);
        assert.strictEqual(kubeconfig.clusters[0].cluster.server, "https://192.0.2.10");
        assert.strictEqual(kubeconfig.clusters[0].cluster["certificate-authority-data"], "Q0E=");
        assert.strictEqual(kubeconfig.users[0].user.exec.command, "gke-gcloud-auth-plugin");
        assert.strictEqual(kubeconfig.users[0].user.token, undefined);
        const kubernetes = ev.resources.filter((r) => r.type.startsWith("kubernetes:"));
        assert.deepStrictEqual(kubernetes.map((r) => r.type).sort(), [
            "kubernetes:apps/v1:Deployment", "kubernetes:core/v1:Namespace", "kubernetes:core/v1:Service", "kubernetes:core/v1:ServiceAccount", "kubernetes:policy/v1:PodDisruptionBudget",
        ]);
    });

    it("annotates the Kubernetes SA with the Google SA and runs the pods as it", () => {
        const sa = named(ev.resources, "w-sa");
        assert.deepStrictEqual(sa.inputs.metadata.annotations, { "iam.gke.io/gcp-service-account": "app@p-123.iam.gserviceaccount.com" });
        assert.strictEqual(sa.inputs.metadata.namespace, "multicloud-dr");
        assert.strictEqual(pod().serviceAccountName, sa.inputs.metadata.name);
    });

    it("runs the app and the agent with their environments, probes and requests", () => {
        assert.strictEqual(named(ev.resources, "w-app").inputs.spec.replicas, 3);
        assert.strictEqual(container("app").image, "example/app:1");
        assert.deepStrictEqual(container("app").livenessProbe.httpGet, { path: "/healthz", port: 8080 });
        assert.strictEqual(env("app").LOG_LEVEL, "info");
        assert.strictEqual(container("agent").image, "example/agent:1");
        assert.deepStrictEqual(container("agent").readinessProbe.httpGet, { path: "/health", port: 9090 });
        assert.strictEqual(env("agent").MCDR_SITE, "gcp");
        for (const name of ["app", "agent"]) {
            assert.ok(container(name).resources.requests.cpu && container(name).resources.requests.memory, name);
            assert.strictEqual(env(name).AWS_ROLE_ARN, "arn:aws:iam::123456789012:role/app");
            assert.strictEqual(env(name).AWS_WEB_IDENTITY_TOKEN_FILE, "/var/run/mcdr-aws/token");
        }
    });

    it("shares /run/mcdr between agent (writer) and app (reader)", () => {
        const mount = (name: string) => container(name).volumeMounts.find((m: { mountPath: string }) => m.mountPath === "/run/mcdr");
        assert.strictEqual(mount("agent").readOnly, undefined);
        assert.strictEqual(mount("app").readOnly, true);
        assert.deepStrictEqual(pod().volumes.find((v: { name: string }) => v.name === mount("app").name), { name: "active-site", emptyDir: {} });
    });

    it("fetches the Google SA's ID token for the role's audience before the app starts, and keeps it fresh", () => {
        const [init] = pod().initContainers;
        assert.match(init.command.join(" "), /service-accounts\/default\/identity\?audience=sts\.amazonaws\.com&format=full/);
        assert.ok(pod().containers.some((c: { command?: string[] }) => c.command?.join(" ") === ["/bin/sh", "-c", tokenScript("sts.amazonaws.com", "refresh")].join(" ")));
    });

    it("spreads pods over zones and keeps all but one through disruptions", () => {
        assert.deepStrictEqual(pod().topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey), ["topology.kubernetes.io/zone"]);
        assert.deepStrictEqual(named(ev.resources, "w-pdb").inputs.spec, { maxUnavailable: 1, selector: { matchLabels: { app: "multicloud-dr" } } });
    });

    it("exposes the app on the load balancer's NodePort and the agent on the next one", () => {
        const svc = named(ev.resources, "w-svc").inputs.spec;
        assert.strictEqual(svc.type, "NodePort");
        assert.deepStrictEqual(svc.ports.map((p: { nodePort: number; targetPort: number }) => [p.nodePort, p.targetPort]), [[30080, 8080], [30081, 9090]]);
    });

    it("refuses the agent on the app's port, naming the property", async () => {
        await rejectsInput(declare({ agentPort: 8080 }), "agentPort", /must differ from appPort/);
    });

    it("refuses app environment that would shadow the agent's or the AWS SDK's", async () => {
        await rejectsInput(declare({ appEnv: { AWS_ROLE_ARN: "x" } }), "appEnv", /must not set MCDR_\* or AWS_\*/);
    });

    it("refuses a single replica, naming the property", async () => {
        await rejectsInput(declare({ replicas: 1 }), "replicas", /2/);
    });
});
