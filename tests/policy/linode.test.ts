import { setProperty, urnOf } from "./fixtures";
import { describeCases } from "./helpers";

/** The node's address still comes from the instance, but from its public address. */
const instanceUrn = urnOf("linode:index/instance:Instance", "linode-us-east-0");
const sshFrom = (rule: Record<string, unknown>) => ({ label: "ssh-anywhere", action: "ACCEPT", protocol: "TCP", ...rule });

describe("policy: Linode", () => {
    describeCases([
        { title: "an instance without a private IP", violates: ["linode-instance-private-ip"], change: (e) => setProperty(e, "linode-us-east-0", "privateIp", false) },
        { title: "an instance without a firewall at creation, though the firewall lists it", violates: ["linode-instance-firewall-at-creation"], change: (e) => setProperty(setProperty(e, "linode-firewall-us-east", "linodes", [100001]), "linode-us-east-0", "firewallId", undefined) },
        { title: "a firewall accepting inbound by default", violates: ["linode-firewall-default-drop"], change: (e) => setProperty(e, "linode-firewall-us-east", "inboundPolicy", "ACCEPT") },
        { title: "SSH from 0.0.0.0/0", violates: ["linode-firewall-no-public-ssh"], change: (e) => setProperty(e, "linode-firewall-us-east", "inbounds.1.ipv4s", ["203.0.113.0/24", "0.0.0.0/0"]) },
        { title: "a port range covering SSH from ::/0", violates: ["linode-firewall-no-public-ssh"], change: (e) => setProperty(e, "linode-firewall-us-east", "inbounds.1", sshFrom({ ports: "1-1024", ipv6s: ["::/0"] })) },
        { title: "all ports (no ports given) from 0.0.0.0/0", violates: ["linode-firewall-no-public-ssh"], change: (e) => setProperty(e, "linode-firewall-us-east", "inbounds.1", sshFrom({ ipv4s: ["0.0.0.0/0"] })) },
        { title: "port 22 from anywhere is not SSH when sshPort is 2222", violates: [], change: (e) => setProperty(e, "linode-firewall-us-east", "inbounds.1", sshFrom({ ports: "22", ipv4s: ["0.0.0.0/0"] })), config: { "linode-firewall-no-public-ssh": { sshPort: 2222 } } },
        { title: "a connection-only NodeBalancer check", violates: ["linode-nodebalancer-health-check"], change: (e) => setProperty(e, "nb-us-east-https", "check", "connection") },
        { title: "an http NodeBalancer check without a path", violates: ["linode-nodebalancer-health-check"], change: (e) => setProperty(e, "nb-us-east-https", "checkPath", undefined) },
        { title: "an https config without a certificate", violates: ["linode-nodebalancer-https-certificate"], change: (e) => setProperty(e, "nb-us-east-https", "sslCert", undefined) },
        { title: "an https config with an empty key", violates: ["linode-nodebalancer-https-certificate"], change: (e) => setProperty(e, "nb-us-east-https", "sslKey", "") },
        { title: "a tcp config needs no certificate", violates: [], change: (e) => setProperty(setProperty(e, "nb-us-east-https", "protocol", "tcp"), "nb-us-east-https", "sslCert", undefined) },
        { title: "a NodeBalancer node on a public address", violates: ["linode-nodebalancer-private-backends"], change: (e) => setProperty(e, "nb-us-east-node-0", "address", "198.51.100.10:80", [instanceUrn]) },
        { title: "an instance label of 65 characters", violates: ["linode-instance-label"], change: (e) => setProperty(e, "linode-us-east-0", "label", `dr-${"x".repeat(62)}`) },
        { title: "an instance label ending in a dash", violates: ["linode-instance-label"], change: (e) => setProperty(e, "linode-us-east-0", "label", "dr-fixture-") },
        { title: "a firewall label with a doubled dash", violates: ["linode-firewall-label"], change: (e) => setProperty(e, "linode-firewall-us-east", "label", "dr--fixture") },
        { title: "a firewall label of 33 characters", violates: ["linode-firewall-label"], change: (e) => setProperty(e, "linode-firewall-us-east", "label", `dr-${"x".repeat(30)}`) },
        { title: "a NodeBalancer label with a period", violates: ["linode-nodebalancer-label"], change: (e) => setProperty(e, "nb-us-east", "label", "dr-fixture.us-east") },
        { title: "a NodeBalancer label of 2 characters", violates: ["linode-nodebalancer-label"], change: (e) => setProperty(e, "nb-us-east", "label", "nb") },
        { title: "a NodeBalancer node label with a space", violates: ["linode-nodebalancer-node-label"], change: (e) => setProperty(e, "nb-us-east-node-0", "label", "node 0") },
        { title: "a zone TTL of 60", violates: ["linode-dns-ttl"], change: (e) => setProperty(e, "linode-zone", "ttlSec", 60) },
        { title: "a record TTL of 100", violates: ["linode-dns-ttl"], change: (e) => setProperty(e, "linode-app-record", "ttlSec", 100) },
    ]);
});
