import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { ROUTE53_RECORD } from "./route53";
import { dependenciesOf, isKnown, isUnknown, knownItems, requiredFails, validateStackOf, validateType } from "./values";

export const GCP_BACKEND_SERVICE = "gcp:compute/backendService:BackendService";
export const GCP_HTTPS_PROXY = "gcp:compute/targetHttpsProxy:TargetHttpsProxy";
export const GCP_MANAGED_CERTIFICATE = "gcp:certificatemanager/certificate:Certificate";
export const GCP_DNS_AUTHORIZATION = "gcp:certificatemanager/dnsAuthorization:DnsAuthorization";

/** The form TargetHttpsProxy.certificateMap takes (@pulumi/gcp compute/targetHttpsProxy.d.ts). */
const CERTIFICATE_MAP_REFERENCE = /^\/\/certificatemanager\.googleapis\.com\/projects\/[^/]+\/locations\/[^/]+\/certificateMaps\/[^/]+$/;

/** A zonal or regional instance group, or a network endpoint group: what a backend service can serve from. */
const SERVABLE_GROUP = /\/(zones|regions)\/[^/]+\/(instanceGroups|networkEndpointGroups)\/[^/]+$/;
const GROUP_MANAGER = /\/instanceGroupManagers\//;

export const gcpBackendServiceHealthCheck: ResourceValidationPolicy = {
    name: "gcp-backend-service-health-check",
    description: "GCP backend services name a health check, so the load balancer stops sending traffic to dead nodes.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(GCP_BACKEND_SERVICE, (service, _args, reportViolation) => {
        const checks = service.healthChecks;
        if (requiredFails(checks, (value: string | unknown[]) => (Array.isArray(value) ? value.length > 0 : String(value).trim() !== ""))) {
            reportViolation("healthChecks is empty: the load balancer would keep sending traffic to failed backends.");
        }
    }),
};

export const gcpBackendInstanceGroups: ResourceValidationPolicy = {
    name: "gcp-backend-instance-groups",
    description: "GCP backend service backends are instance groups (or endpoint groups), never instance group managers.",
    enforcementLevel: "mandatory",
    severity: "critical",
    validateResource: validateType(GCP_BACKEND_SERVICE, (service, _args, reportViolation) => {
        if (isUnknown(service.backends)) {
            return;
        }
        const backends: Record<string, any>[] = Array.isArray(service.backends) ? service.backends : [];
        if (backends.length === 0) {
            reportViolation("the backend service has no backends.");
        }
        for (const backend of backends) {
            const group = backend?.group;
            if (!isKnown(group)) {
                continue; // a node pool's group URL is not known until the pool exists
            }
            if (GROUP_MANAGER.test(group)) {
                reportViolation(`backend ${group} is an instance group manager; use the node pool's managedInstanceGroupUrls (instance groups), which the API accepts.`);
            } else if (!SERVABLE_GROUP.test(group)) {
                reportViolation(`backend ${group} is not an instance group or network endpoint group URL.`);
            }
        }
    }),
};

export const gcpHttpsProxyCertificateMap: ResourceValidationPolicy = {
    name: "gcp-https-proxy-certificate-map",
    description: "GCP HTTPS proxies serve certificates from a Certificate Manager map, not compute SSL certificates, whose Google-managed kind provisions and renews only while DNS points at the load balancer.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(GCP_HTTPS_PROXY, (proxy, _args, reportViolation) => {
        if (knownItems(proxy.sslCertificates).length > 0) {
            reportViolation("sslCertificates is set: a load-balancer-authorized certificate lapses while the hostname points at another site; use certificateMap.");
        }
        if (requiredFails(proxy.certificateMap, (map: string) => CERTIFICATE_MAP_REFERENCE.test(map))) {
            reportViolation(`certificateMap is ${String(proxy.certificateMap ?? "unset")}; it must be //certificatemanager.googleapis.com/projects/<project>/locations/<location>/certificateMaps/<map>.`);
        }
    }),
};

export const gcpCertificateDnsAuthorization: ResourceValidationPolicy = {
    name: "gcp-certificate-dns-authorization",
    description: "Google-managed Certificate Manager certificates are authorized by DNS, so they issue and renew whichever site the hostname points at.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateType(GCP_MANAGED_CERTIFICATE, (certificate, _args, reportViolation) => {
        if (!isKnown(certificate.managed)) {
            return; // a self-managed certificate: renewal is the uploader's job
        }
        if (requiredFails(certificate.managed.dnsAuthorizations, (list: unknown[]) => Array.isArray(list) && list.length > 0)) {
            reportViolation("managed.dnsAuthorizations is empty: the certificate would be authorized by the load balancer, which needs the hostname to point at it.");
        }
    }),
};

export const gcpDnsAuthorizationRecord: StackValidationPolicy = {
    name: "gcp-dns-authorization-record",
    description: "Every Certificate Manager DNS authorization has its record in Route 53, where it resolves whichever site serves.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateStack: validateStackOf([GCP_DNS_AUTHORIZATION], (resources, _args, reportViolation) => {
        const records = resources.filter((r) => r.type === ROUTE53_RECORD);
        for (const authorization of resources.filter((r) => r.type === GCP_DNS_AUTHORIZATION)) {
            if (!records.some((record) => dependenciesOf(record, "records").has(authorization.urn))) {
                reportViolation(`DNS authorization ${authorization.name} has no Route 53 record carrying its dnsResourceRecords: the certificate never issues.`, authorization.urn);
            }
        }
    }),
};

export const gcpLoadBalancingPolicies = [gcpBackendServiceHealthCheck, gcpBackendInstanceGroups, gcpHttpsProxyCertificateMap, gcpCertificateDnsAuthorization, gcpDnsAuthorizationRecord];
