import { setProperty, withoutResources } from "./fixtures";
import { describeCases } from "./helpers";

const POD = "spec.template.spec";

describe("policy: Kubernetes workloads", () => {
    describeCases([
        { title: "one replica", violates: ["k8s-deployment-resilient"], change: (e) => setProperty(e, "app-us-central1", "spec.replicas", 1) },
        { title: "no zone spread", violates: ["k8s-deployment-resilient"], change: (e) => setProperty(e, "app-us-central1", `${POD}.topologySpreadConstraints`, undefined) },
        { title: "no readiness probe", violates: ["k8s-deployment-resilient"], change: (e) => setProperty(e, "app-us-central1", `${POD}.containers.1.readinessProbe`, undefined) },
        { title: "no liveness probe", violates: ["k8s-deployment-resilient"], change: (e) => setProperty(e, "app-us-central1", `${POD}.containers.0.livenessProbe`, undefined) },
        { title: "a container without requests", violates: ["k8s-deployment-resilient"], change: (e) => setProperty(e, "app-us-central1", `${POD}.containers.0.resources`, undefined) },
        { title: "a static AWS key", violates: ["k8s-no-static-aws-keys"], change: (e) => setProperty(e, "app-us-central1", `${POD}.containers.1.env.0.name`, "AWS_SECRET_ACCESS_KEY") },
        { title: "no disruption budget", violates: ["k8s-deployment-disruption-budget"], change: (e) => withoutResources(e, "pdb-us-central1") },
        { title: "a budget selecting other pods", violates: ["k8s-deployment-disruption-budget"], change: (e) => setProperty(e, "pdb-us-central1", "spec.selector.matchLabels.app", "other") },
    ]);
});
