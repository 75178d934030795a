import * as assert from "assert";
import { rejectsInput, rejectsInputs } from "../support/inputErrors";
import { encodeUserData, LinodeSite, LinodeSiteArgs } from "../../components";
import { evaluateDeclarations, Evaluation, SECRET_PLACEHOLDER } from "../../offline";
import { named, ofType } from "../support/resources";
import * as pulumi from "@pulumi/pulumi";

const args: LinodeSiteArgs = {
    regions: ["us-east", "us-central"],
    activeRegion: "us-east",
    instancesPerRegion: 2,
    sshKeys: ["ssh-ed25519 AAAA test"],
    adminCidrs: ["203.0.113.0/24"],
    tlsCertificate: pulumi.secret("CERT"),
    tlsPrivateKey: pulumi.secret("KEY"),
    dnsZone: "linode.example.com",
    soaEmail: "dns@example.com",
    ttl: 30,
};

function declare(overrides: Partial<LinodeSiteArgs> = {}): Promise<Evaluation> {
    return evaluateDeclarations(() => {
        const site = new LinodeSite("edge", { ...args, ...overrides });
        return { ips: site.nodeBalancerIps };
    });
}

describe("LinodeSite component", () => {
    let site: Evaluation;
    before(async () => {
        site = await declare();
    });

    it("declares N instances per region with private IPs, secret generated root passwords and SSH keys", () => {
        const instances = ofType(site.resources, "linode:index/instance:Instance");
        assert.deepStrictEqual(instances.map((i) => i.inputs.region), ["us-east", "us-east", "us-central", "us-central"]);
        for (const { inputs } of instances) {
            assert.strictEqual(inputs.privateIp, true);
            assert.strictEqual(inputs.rootPass, SECRET_PLACEHOLDER, "the root password is a secret");
            assert.deepStrictEqual(inputs.authorizedKeys, ["ssh-ed25519 AAAA test"]);
            assert.strictEqual(inputs.backupsEnabled, false);
        }
        assert.strictEqual(ofType(site.resources, "random:index/randomPassword:RandomPassword").length, 4);
    });

    it("turns on backups when asked (prod)", async () => {
        const withBackups = await declare({ backups: true });
        assert.ok(ofType(withBackups.resources, "linode:index/instance:Instance").every((i) => i.inputs.backupsEnabled === true));
    });

    it("drops inbound by default, admits the app port only from NodeBalancers and SSH only from admins, on every instance", () => {
        const [firewall] = ofType(site.resources, "linode:index/firewall:Firewall");
        assert.strictEqual(firewall.inputs.inboundPolicy, "DROP");
        const [app, ssh] = firewall.inputs.inbounds;
        assert.deepStrictEqual([app.ports, app.ipv4s], ["80", ["192.168.255.0/24"]]);
        assert.deepStrictEqual([ssh.ports, ssh.ipv4s], ["22", ["203.0.113.0/24"]]);
    });

    it("attaches the firewall to every instance at creation (firewallId), and the firewall lists none (no cycle)", () => {
        const [firewall] = ofType(site.resources, "linode:index/firewall:Firewall");
        const instances = ofType(site.resources, "linode:index/instance:Instance");
        assert.strictEqual(instances.length, 4);
        for (const instance of instances) {
            assert.strictEqual(instance.inputs.firewallId, Number(firewall.id));
            assert.deepStrictEqual(instance.propertyDependencies.firewallId, [firewall.urn]);
        }
        assert.strictEqual(firewall.inputs.linodes, undefined);
    });

    it("serves HTTPS with the secret certificate and HTTP, each checking /health for the agent's body", () => {
        const configs = ofType(site.resources, "linode:index/nodeBalancerConfig:NodeBalancerConfig");
        assert.strictEqual(configs.length, 4);
        const https = configs.filter((c) => c.inputs.protocol === "https");
        assert.strictEqual(https.length, 2);
        for (const c of https) {
            assert.strictEqual(c.inputs.port, 443);
            assert.strictEqual(c.inputs.sslCert, SECRET_PLACEHOLDER);
            assert.strictEqual(c.inputs.sslKey, SECRET_PLACEHOLDER);
        }
        for (const c of configs) {
            assert.strictEqual(c.inputs.check, "http_body");
            assert.strictEqual(c.inputs.checkPath, "/health");
            assert.strictEqual(c.inputs.checkBody, "ok");
            assert.strictEqual(typeof c.inputs.nodebalancerId, "number");
        }
    });

    it("adds one node per instance and config at privateIp:port, in the instance's region", () => {
        const nodes = ofType(site.resources, "linode:index/nodeBalancerNode:NodeBalancerNode");
        assert.strictEqual(nodes.length, 2 /* regions */ * 2 /* instances */ * 2 /* configs */);
        const instance = named(site.resources, "edge-us-central-1");
        const node = named(site.resources, "edge-us-central-https-node-1");
        assert.strictEqual(node.inputs.address, `${instance.outputs.privateIpAddress}:80`);
        assert.deepStrictEqual(node.propertyDependencies.address, [instance.urn]);
        assert.strictEqual(node.inputs.nodebalancerId, Number(named(site.resources, "edge-us-central-nb").id));
    });

    it("points the app record at the active region's NodeBalancer, with one record per region", () => {
        const records = ofType(site.resources, "linode:index/domainRecord:DomainRecord");
        const app = named(site.resources, "edge-app-record");
        assert.strictEqual(app.inputs.name, "app");
        assert.strictEqual(app.inputs.target, named(site.resources, "edge-us-east-nb").outputs.ipv4);
        assert.deepStrictEqual(records.map((r) => r.inputs.name).sort(), ["app", "app-us-central", "app-us-east"]);
        assert.ok(records.every((r) => r.inputs.ttlSec === 30 && r.inputs.recordType === "A"));
        assert.strictEqual(named(site.resources, "edge-zone").inputs.domain, "linode.example.com");
    });

    it("moves only the app record when the active region changes", async () => {
        const moved = await declare({ activeRegion: "us-central" });
        assert.strictEqual(named(moved.resources, "edge-app-record").inputs.target, named(moved.resources, "edge-us-central-nb").outputs.ipv4);
    });

    it("boots the bare image when no user data is given", () => {
        assert.ok(ofType(site.resources, "linode:index/instance:Instance").every((i) => i.inputs.metadatas === undefined));
    });

    describe("with user data", () => {
        const userData = { "us-east": pulumi.secret("#cloud-config\npackages: [podman]\n"), "us-central": "#cloud-config\n" };
        let withUserData: Evaluation;
        before(async () => {
            withUserData = await declare({ userData, healthCheckBody: "healthy" });
        });

        it("hands every instance its region's cloud-config as a secret, even when the text was not", () => {
            for (const instance of ofType(withUserData.resources, "linode:index/instance:Instance")) {
                assert.deepStrictEqual(instance.inputs.metadatas, [{ userData: SECRET_PLACEHOLDER }]);
            }
        });

        it("encodes the cloud-config in base64, as the Metadata service takes it", async () => {
            const encoded = await new Promise<string>((resolve) => encodeUserData("#cloud-config\nruncmd: [\"é\"]\n").apply(resolve));
            assert.strictEqual(encoded, "I2Nsb3VkLWNvbmZpZwpydW5jbWQ6IFsiw6kiXQo=");
        });

        it("checks for the given body", () => {
            assert.ok(ofType(withUserData.resources, "linode:index/nodeBalancerConfig:NodeBalancerConfig").every((c) => c.inputs.checkBody === "healthy"));
        });

        it("refuses a region without user data, and an image cloud-init does not read metadata on", async () => {
            await rejectsInput(declare({ userData: { "us-east": "#cloud-config\n" } }), "userData", /no cloud-config for us-central/);
            await rejectsInput(declare({ userData, image: "linode/debian11" }), "image", /linode\/debian12/);
        });
    });

    describe("refuses bad args, naming the property", () => {
        it("an active region outside its regions", () => rejectsInput(declare({ activeRegion: "eu-west" }), "activeRegion", /one of the regions \(us-east, us-central\)/));
        it("zero instances", () => rejectsInput(declare({ instancesPerRegion: 0 }), "instancesPerRegion", /at least 1/));
        it("a TTL Linode does not keep", () => rejectsInput(declare({ ttl: 60 }), "ttl", /a TTL Linode keeps/));
        it("an admin block that is no CIDR", () => rejectsInput(declare({ adminCidrs: ["203.0.113.0/24", "999.1.1.1/99"] }), "adminCidrs[1]", /must be a CIDR block/));
        it("SSH open to the whole IPv6 internet", () => rejectsInput(declare({ adminCidrs: ["::/0"] }), "adminCidrs[0]", /whole internet/));
        it("several at once", () => rejectsInputs(declare({ ttl: 45, adminCidrs: ["10.0.0.0/33"] }), ["adminCidrs[0]", "ttl"]));
    });

    it("puts IPv4 admin blocks in the firewall's ipv4s and IPv6 ones in its ipv6s", async () => {
        const mixed = await declare({ adminCidrs: ["203.0.113.0/24", "2001:db8::/48"] });
        const ssh = named(mixed.resources, "edge-firewall").inputs.inbounds.find((r: any) => r.label === "ssh-from-admins");
        assert.deepStrictEqual([ssh.ipv4s, ssh.ipv6s], [["203.0.113.0/24"], ["2001:db8::/48"]]);
    });
});
