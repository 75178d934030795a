import { LINODE_NAME_SERVERS } from "../../topology";
import { ProbeEnvironment } from "../../automation/probes";
import { HealthServer, selfSignedCertificate, startHealthServer } from "../automation/localServers";
import { startZoneDnsServer, ZoneDnsServer } from "./dnsServer";
import { FakeComputeApi, startFakeComputeApi } from "./computeApiServer";
import { FakeLinodeApi, startFakeLinodeApi } from "./linodeApiServer";

export const APP_HOSTNAME = "app.staging.example.com";
/** staging's `linode.dnsZone` and `dns.appHost` (Pulumi.staging.yaml). */
export const LINODE_ZONE = "linode.staging.example.com";
export const LINODE_APP_RECORD = `app.${LINODE_ZONE}`;
export const CERT_DAYS = 30;
/** The `gcpBackends` output as staging deploys it (Pulumi.staging.yaml: project, two regions of two zones each). */
export const GCP_PROJECT = "dr-staging-000000";
export const GCP_BACKEND_SERVICE = "dr-staging-backend-5f0c2a1";
const groupUrl = (zone: string) => `https://www.googleapis.com/compute/v1/projects/${GCP_PROJECT}/zones/${zone}/instanceGroups/gke-dr-staging-${zone.slice(0, -2)}-pool-grp-${zone.slice(-1)}`;
export const GCP_GROUPS = {
    "us-central1": [groupUrl("us-central1-a"), groupUrl("us-central1-b")],
    "us-east4": [groupUrl("us-east4-a"), groupUrl("us-east4-b")],
};

/**
 * The staging estate as readiness sees it, on loopback: HTTPS endpoints on 127.0.0.2 (gcp), 127.0.0.3 (linode
 * us-east) and 127.0.0.4 (linode us-central) serving a certificate valid CERT_DAYS days; a DNS server answering
 * the app hostname, the Linode zone's NS and its app record as deployed; a fake Linode API whose us-east
 * NodeBalancer (127.0.0.3) has staging's one instance up on both ports; a fake Compute Engine API whose backend
 * service has one HEALTHY node in each of staging's four zones (gcp.minNodesPerZone 1).
 */
export interface ReadinessEstate {
    readonly gcp: HealthServer;
    readonly usEast: HealthServer;
    readonly usCentral: HealthServer;
    readonly dns: ZoneDnsServer;
    readonly linode: FakeLinodeApi;
    readonly compute: FakeComputeApi;
    readonly probeEnv: ProbeEnvironment;
    outputs(): Record<string, unknown>;
    /** Everything as deployed and healthy again. */
    reset(): void;
    close(): Promise<void>;
}

export async function startReadinessEstate(): Promise<ReadinessEstate> {
    const tls = selfSignedCertificate(APP_HOSTNAME, CERT_DAYS);
    if (!tls) {
        throw new Error("openssl is needed to make the endpoints' certificate");
    }
    const [gcp, usEast, usCentral] = await Promise.all(["127.0.0.2", "127.0.0.3", "127.0.0.4"].map((host) => startHealthServer({ status: 200, body: "ok" }, tls, host)));
    const dns = await startZoneDnsServer();
    const linode = await startFakeLinodeApi();
    const compute = await startFakeComputeApi();
    const reset = () => {
        for (const server of [gcp, usEast, usCentral]) {
            server.behaviour = { status: 200, body: "ok" };
        }
        dns.zones = {
            [APP_HOSTNAME]: { a: ["127.0.0.2"] },
            [LINODE_ZONE]: { ns: [...LINODE_NAME_SERVERS] },
            [LINODE_APP_RECORD]: { a: ["127.0.0.3"] },
        };
        linode.nodeBalancers = [
            { id: 101, label: "dr-staging-us-east-nb", region: "us-east", ipv4: "127.0.0.3", configs: [{ id: 1, port: 443, protocol: "https", up: 1, down: 0 }, { id: 2, port: 80, protocol: "http", up: 1, down: 0 }] },
            { id: 102, label: "dr-staging-us-central-nb", region: "us-central", ipv4: "127.0.0.4", configs: [{ id: 3, port: 443, protocol: "https", up: 1, down: 0 }] },
            { id: 7, label: "someone-elses-nb", region: "eu-west", ipv4: "192.0.2.10", configs: [] },
        ];
        linode.pageSize = 1;
        linode.requests.length = 0;
        compute.backendServices = {
            [`${GCP_PROJECT}/${GCP_BACKEND_SERVICE}`]: Object.fromEntries(Object.values(GCP_GROUPS).flat().map((group) => [group, ["HEALTHY"]])),
        };
        compute.requests.length = 0;
    };
    reset();
    return {
        gcp,
        usEast,
        usCentral,
        dns,
        linode,
        compute,
        probeEnv: { scope: { allowRemote: false }, ca: tls.cert },
        outputs: () => ({
            appHostname: APP_HOSTNAME,
            tableName: "dr-app-staging",
            healthEndpoints: { gcp: gcp.url, "linode:us-east": usEast.url, "linode:us-central": usCentral.url },
            siteEndpoints: { gcp: gcp.url, linode: usEast.url },
            writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
            gcpBackends: { project: GCP_PROJECT, backendService: GCP_BACKEND_SERVICE, instanceGroups: GCP_GROUPS },
        }),
        reset,
        close: async () => {
            await Promise.all([gcp.close(), usEast.close(), usCentral.close(), dns.close(), linode.close(), compute.close()]);
        },
    };
}
