import * as assert from "assert";
import { Evaluation } from "../../offline";
import { cachedEvaluate } from "../support/cachedEvaluations";
import { named, ofType } from "../support/resources";

// docs/ARCHITECTURE (shared), "Certificates and names": the GCP certificate is authorized by a CNAME in Route 53,
// and Route 53 delegates the Linode zone; neither moves on a flip.
describe("program: certificates and names", () => {
    let base: Evaluation;
    let toLinode: Evaluation;
    before(async () => {
        base = await cachedEvaluate("staging");
        toLinode = await cachedEvaluate("staging", { overrides: { activeSite: "linode" } });
    });

    it("serves GCP HTTPS from a certificate map, with no load-balancer-authorized certificate", () => {
        assert.deepStrictEqual(ofType(base.resources, "gcp:compute/managedSslCertificate:ManagedSslCertificate"), []);
        const [proxy] = ofType(base.resources, "gcp:compute/targetHttpsProxy:TargetHttpsProxy");
        assert.match(proxy.inputs.certificateMap, /^\/\/certificatemanager\.googleapis\.com\/projects\/[^/]+\/locations\/global\/certificateMaps\//);
    });

    it("puts the DNS authorization's CNAME for app.staging.example.com in the Route 53 zone the failover records use", () => {
        const cname = named(base.resources, "dr-staging-gcp-cert-auth");
        const [authorization] = ofType(base.resources, "gcp:certificatemanager/dnsAuthorization:DnsAuthorization");
        assert.strictEqual(cname.inputs.name, "_acme-challenge.app.staging.example.com.");
        assert.strictEqual(cname.inputs.type, "CNAME");
        assert.deepStrictEqual(cname.propertyDependencies.records, [authorization.urn]);
        assert.strictEqual(cname.inputs.zoneId, named(base.resources, "dr-staging-primary").inputs.zoneId);
    });

    it("delegates linode.staging.example.com to Linode's name servers from the same zone", () => {
        const ns = named(base.resources, "dr-staging-ns-linode");
        assert.deepStrictEqual([ns.inputs.name, ns.inputs.type], ["linode.staging.example.com", "NS"]);
        assert.deepStrictEqual(ns.inputs.records, ["ns1.linode.com", "ns2.linode.com", "ns3.linode.com", "ns4.linode.com", "ns5.linode.com"]);
        assert.strictEqual(ns.inputs.zoneId, named(base.resources, "dr-staging-primary").inputs.zoneId);
        assert.strictEqual(named(base.resources, "dr-staging-zone").inputs.domain, ns.inputs.name, "the delegated name is the Linode zone");
    });

    it("leaves the certificate, its authorization record and the delegation untouched by a flip", () => {
        for (const name of ["dr-staging-gcp-cert-auth", "dr-staging-ns-linode", "dr-staging-cert", "dr-staging-dns-auth", "dr-staging-https-proxy"]) {
            assert.deepStrictEqual(named(toLinode.resources, name).inputs, named(base.resources, name).inputs, name);
        }
    });
});
