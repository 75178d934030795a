import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKnown, isUnknown, requiredFails, validateType } from "./values";

export const GCP_BACKEND_SERVICE = "gcp:compute/backendService:BackendService";

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

export const gcpLoadBalancingPolicies = [gcpBackendServiceHealthCheck, gcpBackendInstanceGroups];
