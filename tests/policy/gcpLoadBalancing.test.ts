import { GCP_PROJECT, setProperty, withoutResources } from "./fixtures";
import { describeCases } from "./helpers";

const managerUrl = `https://www.googleapis.com/compute/v1/projects/${GCP_PROJECT}/zones/us-central1-a/instanceGroupManagers/gke-pool-us-central1-grp`;

const mapId = `projects/${GCP_PROJECT}/locations/global/certificateMaps/lb-cert-map`;

describe("policy: GCP load balancing", () => {
    describeCases([
        { title: "a backend service without a health check", violates: ["gcp-backend-service-health-check"], change: (e) => setProperty(e, "lb-backend", "healthChecks", undefined) },
        { title: "a backend that is an instance group manager", violates: ["gcp-backend-instance-groups"], change: (e) => setProperty(e, "lb-backend", "backends.0.group", managerUrl) },
        { title: "a backend service with no backends", violates: ["gcp-backend-instance-groups"], change: (e) => setProperty(e, "lb-backend", "backends", []) },
        {
            title: "an HTTPS proxy on a compute SSL certificate instead of a certificate map",
            violates: ["gcp-https-proxy-certificate-map"],
            change: (e) => setProperty(e, "lb-https-proxy", "certificateMap", undefined),
        },
        { title: "an HTTPS proxy that also lists sslCertificates", violates: ["gcp-https-proxy-certificate-map"], change: (e) => setProperty(e, "lb-https-proxy", "sslCertificates", ["lb-ssl-cert-id"]) },
        { title: "a certificate map given by its bare id", violates: ["gcp-https-proxy-certificate-map"], change: (e) => setProperty(e, "lb-https-proxy", "certificateMap", mapId) },
        { title: "a managed certificate without DNS authorization", violates: ["gcp-certificate-dns-authorization"], change: (e) => setProperty(e, "lb-cert", "managed.dnsAuthorizations", undefined) },
        { title: "a DNS authorization whose record is not in Route 53", violates: ["gcp-dns-authorization-record"], change: (e) => withoutResources(e, "cert-auth") },
        { title: "the HTTPS proxy's certificate map not known yet", violates: [], preview: true, change: (e) => e },
    ]);
});
