import { GCP_PROJECT, setProperty } from "./fixtures";
import { describeCases } from "./helpers";

const managerUrl = `https://www.googleapis.com/compute/v1/projects/${GCP_PROJECT}/zones/us-central1-a/instanceGroupManagers/gke-pool-us-central1-grp`;

describe("policy: GCP load balancing", () => {
    describeCases([
        { title: "a backend service without a health check", violates: ["gcp-backend-service-health-check"], change: (e) => setProperty(e, "lb-backend", "healthChecks", undefined) },
        { title: "a backend that is an instance group manager", violates: ["gcp-backend-instance-groups"], change: (e) => setProperty(e, "lb-backend", "backends.0.group", managerUrl) },
        { title: "a backend service with no backends", violates: ["gcp-backend-instance-groups"], change: (e) => setProperty(e, "lb-backend", "backends", []) },
    ]);
});
