import * as assert from "assert";
import { GlobalLoadBalancer, GlobalLoadBalancerArgs } from "../../components";
import { evaluateDeclarations, Evaluation } from "../../offline";
import { rejectsInput } from "../support/inputErrors";
import { ofType } from "../support/resources";

const group = (zone: string) => `https://www.googleapis.com/compute/v1/projects/p-123/zones/${zone}/instanceGroups/gke-${zone}-grp`;

const args: GlobalLoadBalancerArgs = {
    project: "p-123",
    network: "projects/p-123/global/networks/web",
    targetTags: ["web-node"],
    regions: [
        { name: "us-central1", instanceGroups: [group("us-central1-a"), group("us-central1-b")] },
        { name: "us-east4", instanceGroups: [group("us-east4-a")], capacity: 0 },
    ],
    portName: "http",
    port: 30080,
    hostname: "app.example.com",
};

function declare(overrides: Partial<GlobalLoadBalancerArgs> = {}): Promise<Evaluation> {
    return evaluateDeclarations(() => {
        const lb = new GlobalLoadBalancer("web", { ...args, ...overrides });
        return { address: lb.address, record: lb.dnsAuthorizationRecord };
    });
}

describe("GlobalLoadBalancer component", () => {
    let lb: Evaluation;
    before(async () => {
        lb = await declare();
    });

    it("lists every instance group in one backend service with its region's capacity (1 unless set)", () => {
        const [backend] = ofType(lb.resources, "gcp:compute/backendService:BackendService");
        assert.strictEqual(backend.parentType, "multicloud-dr:gcp:GlobalLoadBalancer");
        assert.strictEqual(backend.inputs.loadBalancingScheme, "EXTERNAL_MANAGED");
        assert.strictEqual(backend.inputs.portName, "http");
        assert.ok(backend.inputs.healthChecks, "the backend service has a health check");
        assert.deepStrictEqual(
            backend.inputs.backends.map((b: any) => [b.group, b.capacityScaler]),
            [[group("us-central1-a"), 1], [group("us-central1-b"), 1], [group("us-east4-a"), 0]],
        );
    });

    it("with an agent port: checks the agent, admits both ports, and routes only the health path to the agent", async () => {
        const ev = await declare({ agent: { portName: "agent", port: 30081 } });
        const [check] = ofType(ev.resources, "gcp:compute/healthCheck:HealthCheck");
        assert.deepStrictEqual(check.inputs.httpHealthCheck, { port: 30081, requestPath: "/health" });
        const [firewall] = ofType(ev.resources, "gcp:compute/firewall:Firewall");
        assert.deepStrictEqual(firewall.inputs.allows, [{ protocol: "tcp", ports: ["30080", "30081"] }]);
        const [app, agent] = ofType(ev.resources, "gcp:compute/backendService:BackendService");
        assert.deepStrictEqual([app.inputs.portName, agent.inputs.portName], ["http", "agent"]);
        const [urlMap] = ofType(ev.resources, "gcp:compute/uRLMap:URLMap").filter((m) => m.inputs.defaultService);
        assert.strictEqual(urlMap.inputs.defaultService, app.id);
        assert.deepStrictEqual(urlMap.inputs.hostRules, [{ hosts: ["*"], pathMatcher: "agent-health" }]);
        assert.deepStrictEqual(urlMap.inputs.pathMatchers, [{ name: "agent-health", defaultService: app.id, pathRules: [{ paths: ["/health"], service: agent.id }] }]);
    });

    it("refuses an agent on the app's port, naming the property", async () => {
        await rejectsInput(declare({ agent: { portName: "agent", port: 30080 } }), "agent.port", /must differ from port/);
    });

    it("health-checks the port's /health", () => {
        const [check] = ofType(lb.resources, "gcp:compute/healthCheck:HealthCheck");
        assert.deepStrictEqual(check.inputs.httpHealthCheck, { port: 30080, requestPath: "/health" });
    });

    it("serves HTTPS through a certificate map holding a DNS-authorized Certificate Manager certificate, and redirects HTTP", () => {
        assert.deepStrictEqual(ofType(lb.resources, "gcp:compute/managedSslCertificate:ManagedSslCertificate"), [], "no certificate that needs the hostname to point here");
        const [authorization] = ofType(lb.resources, "gcp:certificatemanager/dnsAuthorization:DnsAuthorization");
        assert.strictEqual(authorization.inputs.domain, "app.example.com");
        const [cert] = ofType(lb.resources, "gcp:certificatemanager/certificate:Certificate");
        assert.strictEqual(cert.inputs.scope, "DEFAULT");
        assert.deepStrictEqual(cert.inputs.managed, { domains: ["app.example.com"], dnsAuthorizations: [authorization.id] });
        const [map] = ofType(lb.resources, "gcp:certificatemanager/certificateMap:CertificateMap");
        const [entry] = ofType(lb.resources, "gcp:certificatemanager/certificateMapEntry:CertificateMapEntry");
        assert.deepStrictEqual([entry.inputs.map, entry.inputs.hostname, entry.inputs.certificates], [map.outputs.name, "app.example.com", [cert.id]]);
        const [proxy] = ofType(lb.resources, "gcp:compute/targetHttpsProxy:TargetHttpsProxy");
        assert.strictEqual(proxy.inputs.certificateMap, `//certificatemanager.googleapis.com/projects/placeholder/locations/global/certificateMaps/${map.outputs.name}`);
        assert.strictEqual(proxy.inputs.sslCertificates, undefined);
        for (const r of [authorization, cert, map, entry]) {
            assert.strictEqual(r.parentType, "multicloud-dr:gcp:GlobalLoadBalancer");
        }
        const rules = ofType(lb.resources, "gcp:compute/globalForwardingRule:GlobalForwardingRule");
        assert.deepStrictEqual(rules.map((r) => r.inputs.portRange).sort(), ["443", "80"]);
        const redirect = ofType(lb.resources, "gcp:compute/uRLMap:URLMap").find((m) => m.inputs.defaultUrlRedirect);
        assert.strictEqual(redirect?.inputs.defaultUrlRedirect.httpsRedirect, true);
        assert.strictEqual(lb.outputs.address, rules[0].inputs.ipAddress);
        assert.strictEqual(lb.outputs.address, rules[1].inputs.ipAddress);
    });

    it("exposes the authorization's CNAME record, for the hostname's zone", () => {
        assert.deepStrictEqual(lb.outputs.record, {
            name: "_acme-challenge.app.example.com.",
            type: "CNAME",
            data: ofType(lb.resources, "gcp:certificatemanager/dnsAuthorization:DnsAuthorization")[0].outputs.dnsResourceRecords[0].data,
        });
    });

    it("admits Google's health-check and front-end ranges to the port on the tagged nodes of the given network", () => {
        const [firewall] = ofType(lb.resources, "gcp:compute/firewall:Firewall");
        // Google's documented source ranges for these load balancers: cloud.google.com/load-balancing/docs/health-check-concepts#ip-ranges
        assert.deepStrictEqual(firewall.inputs.sourceRanges, ["35.191.0.0/16", "130.211.0.0/22"]);
        assert.deepStrictEqual(firewall.inputs.allows, [{ protocol: "tcp", ports: ["30080"] }]);
        assert.deepStrictEqual(firewall.inputs.targetTags, ["web-node"]);
        assert.strictEqual(firewall.inputs.network, "projects/p-123/global/networks/web");
    });

    describe("refuses bad args, naming the property", () => {
        const regions = args.regions;
        it("a capacity above 1", () => rejectsInput(declare({ regions: [regions[0], { ...regions[1], capacity: 1.5 }] }), "regions[1].capacity", /from 0 to 1/));
        it("a negative capacity", () => rejectsInput(declare({ regions: [{ ...regions[0], capacity: -1 }, { ...regions[1], capacity: 1 }] }), "regions[0].capacity", /from 0 to 1/));
        it("every region drained", () => rejectsInput(declare({ regions: [{ ...regions[0], capacity: 0 }, regions[1]] }), "regions", /at least one region with capacity above 0/));
        it("a region without instance groups", () => rejectsInput(declare({ regions: [regions[0], { ...regions[1], instanceGroups: [] }] }), "regions[1].instanceGroups", /at least one instance group/));
        it("a relative health check path", () => rejectsInput(declare({ healthCheckPath: "health" }), "healthCheckPath", /must start with \//));
        it("a port out of range", () => rejectsInput(declare({ port: 70000 }), "port", /at most 65535/));
    });
});
