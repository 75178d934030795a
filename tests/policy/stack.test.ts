import * as assert from "assert";
import { happyEstate, resourceNamed, setProperty, urnOf, withoutResources } from "./fixtures";
import { describeCases, violated } from "./helpers";

const ROUTE53_CHECK = "aws:route53/healthCheck:HealthCheck";
const GLOBAL_ADDRESS = "gcp:compute/globalAddress:GlobalAddress";

describe("policy: stack-wide relationships", () => {
    it("the happy estate violates no policy, with values known or (as in a first preview) not", async () => {
        assert.deepStrictEqual(await violated(happyEstate()), []);
        assert.deepStrictEqual(await violated(happyEstate({ preview: true })), []);
    });

    describeCases([
        { title: "two PRIMARY records for one name", violates: ["failover-pair-complete", "route53-failover-fixed-identity"], change: (e) => setProperty(e, "app-secondary", "failoverRoutingPolicies", [{ type: "PRIMARY" }]) },
        { title: "no SECONDARY record", violates: ["failover-pair-complete"], change: (e) => withoutResources(e, "app-secondary") },
        { title: "PRIMARY and SECONDARY share a setIdentifier", violates: ["failover-pair-complete", "route53-failover-fixed-identity"], change: (e) => setProperty(e, "app-secondary", "setIdentifier", "primary") },
        {
            title: "PRIMARY and SECONDARY serve the same address",
            violates: ["failover-pair-complete", "failover-target-health-check"],
            change: (e) => setProperty(e, "app-secondary", "records", ["203.0.113.10"], [urnOf(GLOBAL_ADDRESS, "lb-ip")]),
        },
        {
            title: "PRIMARY and SECONDARY serve the same load balancer's address, not known yet",
            preview: true,
            violates: ["failover-pair-complete", "failover-target-health-check"],
            change: (e) => setProperty(e, "app-secondary", "records", [undefined], [urnOf(GLOBAL_ADDRESS, "lb-ip")]),
        },
        { title: "a SECONDARY record without a health check", violates: ["failover-target-health-check"], change: (e) => setProperty(e, "app-secondary", "healthCheckId", undefined) },
        {
            title: "both records use the GCP health check",
            violates: ["failover-target-health-check"],
            change: (e) => setProperty(e, "app-secondary", "healthCheckId", "hc-gcp", [urnOf(ROUTE53_CHECK, "health-gcp")]),
        },
        {
            title: "both records use the GCP health check, ids not known yet",
            preview: true,
            violates: ["failover-target-health-check"],
            change: (e) => setProperty(e, "app-secondary", "healthCheckId", undefined, [urnOf(ROUTE53_CHECK, "health-gcp")]),
        },
        {
            title: "no firewall admits 130.211.0.0/22",
            violates: ["gcp-health-check-firewall"],
            change: (e) => setProperty(e, "lb-firewall", "sourceRanges", ["35.191.0.0/16"]),
        },
        { title: "the firewall admits port 80, not the node port 30080", violates: ["gcp-health-check-firewall"], change: (e) => setProperty(e, "lb-firewall", "allows.0.ports", ["80"]) },
        { title: "the firewall is an EGRESS rule", violates: ["gcp-health-check-firewall"], change: (e) => setProperty(e, "lb-firewall", "direction", "EGRESS") },
        { title: "no firewall at all", violates: ["gcp-health-check-firewall"], change: (e) => withoutResources(e, "lb-firewall") },
        { title: "an instance no NodeBalancer node points at", violates: ["linode-instance-behind-nodebalancer"], change: (e) => withoutResources(e, "nb-us-east-node-0") },
        { title: "an instance no NodeBalancer node points at", preview: true, violates: ["linode-instance-behind-nodebalancer"], change: (e) => withoutResources(e, "nb-us-east-node-0") },
        { title: "an instance attached to no firewall", violates: ["linode-instance-firewall-at-creation", "linode-instance-firewalled"], change: (e) => setProperty(e, "linode-us-east-0", "firewallId", undefined) },
        { title: "an instance attached to no firewall", preview: true, violates: ["linode-instance-firewall-at-creation", "linode-instance-firewalled"], change: (e) => setProperty(e, "linode-us-east-0", "firewallId", undefined) },
        { title: "an instance whose firewallId names another firewall", violates: ["linode-instance-firewalled"], change: (e) => setProperty(e, "linode-us-east-0", "firewallId", 999) },
    ]);

    it("accepts an instance attached through a FirewallDevice instead of the firewall's list", async () => {
        const estate = setProperty(happyEstate({ preview: true }), "linode-us-east-0", "firewallId", 999);
        const instance = resourceNamed(estate, "linode-us-east-0");
        estate.push({
            ...resourceNamed(estate, "linode-firewall-us-east"),
            type: "linode:index/firewallDevice:FirewallDevice",
            name: "device-0",
            urn: urnOf("linode:index/firewallDevice:FirewallDevice", "device-0"),
            inputs: { entityType: "linode" },
            outputs: { entityType: "linode" },
            propertyDependencies: { entityId: [instance.urn], firewallId: [urnOf("linode:index/firewall:Firewall", "linode-firewall-us-east")] },
        });
        assert.deepStrictEqual(await violated(estate), []);
    });
});
