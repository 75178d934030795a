import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { absolutePathProblem, allDrainedProblem, capacityProblem, GKE_DEFAULTS, GOOGLE_HEALTH_CHECK_RANGES, HEALTH_CHECK_DEFAULTS, integerProblem } from "../topology";
import { InputChecks } from "./inputErrors";

export interface GlobalLoadBalancerRegion {
    /** The region's name, for messages. */
    readonly name: string;
    /** The region's zonal instance groups (not managers), e.g. `GkeClusters.instanceGroups[region]`. */
    readonly instanceGroups: readonly pulumi.Input<string>[];
    /**
     * Share of the region's capacity the load balancer uses; 0 drains the region.
     * @default GKE_DEFAULTS.capacity (topology/defaults.ts)
     */
    readonly capacity?: number;
}

export interface GlobalLoadBalancerArgs {
    readonly project: string;
    /** The VPC of the backends; the firewall for Google's ranges goes there. */
    readonly network: pulumi.Input<string>;
    /** Network tags of the backend nodes the firewall admits Google's ranges to. */
    readonly targetTags: readonly string[];
    /** Backends by region; at least one must have capacity above 0. */
    readonly regions: readonly GlobalLoadBalancerRegion[];
    /** Named port of the instance groups the backend service sends traffic to. */
    readonly portName: string;
    /** The port number behind `portName`, for the health check and the firewall. */
    readonly port: number;
    /**
     * Hostname of the application: the Certificate Manager certificate covers it, authorized by DNS (see
     * `dnsAuthorizationRecord`), so it provisions and renews wherever the hostname points.
     */
    readonly hostname: string;
    /**
     * Path the health check requests.
     * @default HEALTH_CHECK_DEFAULTS.path
     */
    readonly healthCheckPath?: string;
    /**
     * The site agent's named port on the same instance groups. When set, the health check asks the agent (not the
     * app) on `healthCheckPath`, and requests for `healthCheckPath` through the load balancer (Route 53's check)
     * go to the agent too, so every check that decides traffic reaches it.
     * @default undefined: the health check and every path go to `port`
     */
    readonly agent?: { readonly portName: string; readonly port: number };
}

/** A DNS record Certificate Manager asks for, as `DnsAuthorization.dnsResourceRecords` gives it. */
export interface DnsAuthorizationRecord {
    readonly name: string;
    readonly type: string;
    readonly data: string;
}

/**
 * A global external Application Load Balancer: one backend service over zonal instance groups with per-region
 * capacity, HTTPS with a Google-managed Certificate Manager certificate (DNS authorization, served through a
 * certificate map), HTTP redirected to HTTPS, and the firewall that lets Google's health checkers and front
 * ends reach the backends.
 */
export class GlobalLoadBalancer extends pulumi.ComponentResource {
    public readonly backendService: gcp.compute.BackendService;
    public readonly address: pulumi.Output<string>;
    /** The record that authorizes the certificate; it belongs in the hostname's zone (Route 53), whatever site serves. */
    public readonly dnsAuthorizationRecord: pulumi.Output<DnsAuthorizationRecord>;

    constructor(name: string, args: GlobalLoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
        super("multicloud-dr:gcp:GlobalLoadBalancer", name, {}, opts);
        const healthCheckPath = args.healthCheckPath ?? HEALTH_CHECK_DEFAULTS.path;
        const capacities = args.regions.map((r) => r.capacity ?? GKE_DEFAULTS.capacity);
        validate(args, healthCheckPath, capacities);
        const project = args.project;
        const parent = { parent: this };

        new gcp.compute.Firewall(
            `${name}-allow-google-lb`,
            {
                project,
                network: args.network,
                direction: "INGRESS",
                sourceRanges: [...GOOGLE_HEALTH_CHECK_RANGES],
                allows: [{ protocol: "tcp", ports: [args.port, ...(args.agent ? [args.agent.port] : [])].map(String) }],
                targetTags: [...args.targetTags],
                description: "Google health checkers and front ends reach the application's (and the site agent's) NodePort.",
            },
            parent,
        );
        const healthCheck = new gcp.compute.HealthCheck(
            `${name}-health`,
            { project, checkIntervalSec: 5, timeoutSec: 5, healthyThreshold: 2, unhealthyThreshold: 2, httpHealthCheck: { port: args.agent?.port ?? args.port, requestPath: healthCheckPath } },
            parent,
        );
        const backends = args.regions.flatMap((region, i) =>
            region.instanceGroups.map((group) => ({ group, balancingMode: "UTILIZATION", maxUtilization: 0.8, capacityScaler: capacities[i] })),
        );
        const backendService = (suffix: string, portName: string) =>
            new gcp.compute.BackendService(
                `${name}-${suffix}`,
                { project, loadBalancingScheme: "EXTERNAL_MANAGED", protocol: "HTTP", portName, timeoutSec: 30, healthChecks: healthCheck.id, backends },
                parent,
            );
        this.backendService = backendService("backend", args.portName);
        const globalAddress = new gcp.compute.GlobalAddress(`${name}-address`, { project }, parent);
        const healthRoute = args.agent
            ? {
                hostRules: [{ hosts: ["*"], pathMatcher: "agent-health" }],
                pathMatchers: [{ name: "agent-health", defaultService: this.backendService.id, pathRules: [{ paths: [healthCheckPath], service: backendService("agent-backend", args.agent.portName).id }] }],
            }
            : {};
        const urlMap = new gcp.compute.URLMap(`${name}-urlmap`, { project, defaultService: this.backendService.id, ...healthRoute }, parent);
        const { certificateMap, dnsAuthorizationRecord } = declareCertificate(name, project, args.hostname, parent);
        this.dnsAuthorizationRecord = dnsAuthorizationRecord;
        const httpsProxy = new gcp.compute.TargetHttpsProxy(`${name}-https-proxy`, { project, urlMap: urlMap.id, certificateMap }, parent);
        new gcp.compute.GlobalForwardingRule(
            `${name}-https`,
            { project, target: httpsProxy.id, ipAddress: globalAddress.address, portRange: "443", ipProtocol: "TCP", loadBalancingScheme: "EXTERNAL_MANAGED" },
            parent,
        );
        const redirectMap = new gcp.compute.URLMap(
            `${name}-redirect`,
            { project, defaultUrlRedirect: { httpsRedirect: true, stripQuery: false, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT" } },
            parent,
        );
        const httpProxy = new gcp.compute.TargetHttpProxy(`${name}-http-proxy`, { project, urlMap: redirectMap.id }, parent);
        new gcp.compute.GlobalForwardingRule(
            `${name}-http`,
            { project, target: httpProxy.id, ipAddress: globalAddress.address, portRange: "80", ipProtocol: "TCP", loadBalancingScheme: "EXTERNAL_MANAGED" },
            parent,
        );
        this.address = globalAddress.address;
        this.registerOutputs({ address: this.address, dnsAuthorizationRecord: this.dnsAuthorizationRecord });
    }
}

/**
 * A Google-managed certificate authorized by DNS, not by the load balancer: Certificate Manager checks a CNAME
 * under `_acme-challenge.<hostname>`, so it issues and renews whether or not the hostname resolves to this load
 * balancer (cloud.google.com/certificate-manager/docs/dns-authorizations). A global external ALB serves it
 * through a certificate map, scope DEFAULT (cloud.google.com/certificate-manager/docs/maps).
 */
function declareCertificate(name: string, project: string, hostname: string, parent: pulumi.CustomResourceOptions) {
    const authorization = new gcp.certificatemanager.DnsAuthorization(`${name}-dns-auth`, { project, domain: hostname }, parent);
    // FIXED_RECORD (the default for global authorizations) asks for one CNAME record.
    const dnsAuthorizationRecord = authorization.dnsResourceRecords.apply(([record]): DnsAuthorizationRecord => ({ name: record.name, type: record.type, data: record.data }));
    const certificate = new gcp.certificatemanager.Certificate(
        `${name}-cert`,
        { project, scope: "DEFAULT", managed: { domains: [hostname], dnsAuthorizations: [authorization.id] } },
        parent,
    );
    const map = new gcp.certificatemanager.CertificateMap(`${name}-cert-map`, { project }, parent);
    new gcp.certificatemanager.CertificateMapEntry(`${name}-cert-map-entry`, { project, map: map.name, hostname, certificates: [certificate.id] }, parent);
    return { certificateMap: certificateMapReference(map.id), dnsAuthorizationRecord };
}

/**
 * The proxy's `certificateMap` takes `//certificatemanager.googleapis.com/projects/{project}/locations/{location}/certificateMaps/{name}`
 * (@pulumi/gcp compute/targetHttpsProxy.d.ts); a map's id is `projects/{project}/locations/global/certificateMaps/{name}`.
 */
export function certificateMapReference(mapId: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.interpolate`//certificatemanager.googleapis.com/${mapId}`;
}

function validate(args: GlobalLoadBalancerArgs, healthCheckPath: string, capacities: readonly number[]): void {
    const checks = new InputChecks("GlobalLoadBalancer")
        .check("project", args.project ? undefined : "must be a GCP project id")
        .check("hostname", args.hostname ? undefined : "must be the application's hostname")
        .check("targetTags", args.targetTags.length > 0 ? undefined : "must name at least one network tag")
        .check("port", integerProblem(args.port, { min: 1, max: 65535 }))
        .check("agent.port", args.agent === undefined ? undefined : args.agent.port === args.port ? "must differ from port" : integerProblem(args.agent.port, { min: 1, max: 65535 }))
        .check("agent.portName", args.agent === undefined || (args.agent.portName && args.agent.portName !== args.portName) ? undefined : "must be a named port other than portName")
        .check("healthCheckPath", absolutePathProblem(healthCheckPath))
        .check("regions", args.regions.length > 0 ? allDrainedProblem(capacities) : "must list at least one region");
    args.regions.forEach((region, i) => {
        checks
            .check(`regions[${i}].capacity`, capacityProblem(capacities[i]))
            .check(`regions[${i}].instanceGroups`, region.instanceGroups.length > 0 ? undefined : "must list at least one instance group");
    });
    checks.throwIfAny();
}
