import { resourceNamed, setProperty, withoutResources } from "./fixtures";
import { describeCases } from "./helpers";

const same = <T>(estate: T) => estate;

describe("policy: Route 53", () => {
    describeCases([
        { title: "a failover record without setIdentifier", violates: ["route53-failover-record-identity"], change: (e) => setProperty(e, "app-secondary", "setIdentifier", undefined) },
        {
            title: "a PRIMARY record without a health check",
            violates: ["failover-target-health-check", "route53-failover-record-identity"],
            change: (e) => setProperty(e, "app-primary", "healthCheckId", undefined),
        },
        {
            title: "PRIMARY's health check id not known yet",
            violates: [],
            preview: true,
            change: (e) => {
                const primary = resourceNamed(e, "app-primary");
                if (primary.inputs.healthCheckId !== undefined || primary.propertyDependencies.healthCheckId.length !== 1) {
                    throw new Error("the preview fixture should leave the health check id unknown");
                }
                return e;
            },
        },
        { title: "a PRIMARY record named after the active site", violates: ["route53-failover-fixed-identity"], change: (e) => setProperty(e, "app-primary", "setIdentifier", "gcp") },
        { title: "a SECONDARY record named after its site", violates: ["route53-failover-fixed-identity"], change: (e) => setProperty(e, "app-secondary", "setIdentifier", "linode") },
        {
            title: "records that swapped identities with a flip",
            violates: ["route53-failover-fixed-identity"],
            change: (e) => setProperty(setProperty(e, "app-primary", "setIdentifier", "secondary"), "app-secondary", "setIdentifier", "primary"),
        },
        { title: "failover TTL 300", violates: ["route53-failover-ttl"], change: (e) => setProperty(e, "app-primary", "ttl", 300) },
        { title: "failover TTL not set", violates: ["route53-failover-ttl"], change: (e) => setProperty(e, "app-secondary", "ttl", undefined) },
        { title: "failover TTL 60 over a configured maximum of 30", violates: ["route53-failover-ttl"], change: same, config: { "route53-failover-ttl": { maxTtlSeconds: 30 } } },
        { title: "failover TTL 300 under a configured maximum of 300", violates: [], change: (e) => setProperty(e, "app-primary", "ttl", 300), config: { "route53-failover-ttl": { maxTtlSeconds: 300 } } },
        { title: "request interval 20", violates: ["route53-health-check-interval"], change: (e) => setProperty(e, "health-gcp", "requestInterval", 20) },
        { title: "request interval not set", violates: ["route53-health-check-interval"], change: (e) => setProperty(e, "health-gcp", "requestInterval", undefined) },
        { title: "failure threshold 11", violates: ["route53-health-check-threshold"], change: (e) => setProperty(e, "health-linode", "failureThreshold", 11) },
        { title: "failure threshold 5 over the default maximum of 3", violates: ["route53-health-check-threshold"], change: (e) => setProperty(e, "health-linode", "failureThreshold", 5) },
        {
            title: "failure threshold 5 within a configured maximum of 5",
            violates: [],
            change: (e) => setProperty(e, "health-linode", "failureThreshold", 5),
            config: { "route53-health-check-threshold": { maxFailureThreshold: 5 } },
        },
        { title: "two checker regions", violates: ["route53-health-check-regions"], change: (e) => setProperty(e, "health-gcp", "regions", ["us-east-1", "us-west-2"]) },
        { title: "a checker region Route 53 does not have", violates: ["route53-health-check-regions"], change: (e) => setProperty(e, "health-gcp", "regions.2", "eu-central-1") },
        { title: "three regions under a configured minimum of four", violates: ["route53-health-check-regions"], change: same, config: { "route53-health-check-regions": { minRegions: 4 } } },
        { title: "a TCP health check", violates: ["route53-health-check-body", "route53-health-check-http"], change: (e) => setProperty(e, "health-gcp", "type", "TCP") },
        { title: "an HTTPS check that ignores the body", violates: ["route53-health-check-body"], change: (e) => setProperty(e, "health-gcp", "type", "HTTPS") },
        { title: "a body check without a search string", violates: ["route53-health-check-body"], change: (e) => setProperty(e, "health-linode", "searchString", undefined) },
        { title: "an empty search string", violates: ["route53-health-check-body"], change: (e) => setProperty(e, "health-linode", "searchString", "") },
        // Route 53 API Reference, HealthCheckConfig SearchString: "Maximum length of 255".
        { title: "a 256-character search string", violates: ["route53-health-check-body"], change: (e) => setProperty(e, "health-gcp", "searchString", "x".repeat(256)) },
        { title: "a 255-character search string", violates: [], change: (e) => setProperty(e, "health-gcp", "searchString", "x".repeat(255)) },
        { title: "the Linode zone not delegated", violates: ["linode-zone-delegated"], change: (e) => withoutResources(e, "linode-delegation") },
        { title: "the Linode zone delegated under another name", violates: ["linode-zone-delegated"], change: (e) => setProperty(e, "linode-delegation", "name", "dns.example.com") },
        { title: "a delegation missing one of Linode's name servers", violates: ["linode-zone-delegated"], change: (e) => setProperty(e, "linode-delegation", "records.4", "ns1.example.net") },
        { title: "a delegation written with a trailing dot and capitals", violates: [], change: (e) => setProperty(e, "linode-delegation", "name", "Linode.Example.com.") },
        { title: "an HTTPS health check without a path", violates: ["route53-health-check-http"], change: (e) => setProperty(e, "health-linode", "resourcePath", undefined) },
    ]);
});
