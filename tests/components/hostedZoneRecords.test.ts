import * as assert from "assert";
import { HostedZoneRecords, HostedZoneRecordsArgs } from "../../components";
import { evaluateDeclarations } from "../../offline";
import { rejectsInput } from "../support/inputErrors";
import { named, ofType } from "../support/resources";

const LINODE_NS = ["ns1.linode.com", "ns2.linode.com", "ns3.linode.com", "ns4.linode.com", "ns5.linode.com"];
const AUTH = { name: "_acme-challenge.app.example.com.", type: "CNAME", data: "1234.abcd.authorize.certificatemanager.goog." };

const args: HostedZoneRecordsArgs = {
    zoneId: "Z123",
    domain: "example.com",
    delegations: [{ zone: "linode.example.com", nameServers: LINODE_NS }],
    certificateAuthorizations: { gcp: AUTH },
};

function declare(overrides: Partial<HostedZoneRecordsArgs> = {}) {
    return evaluateDeclarations(() => (new HostedZoneRecords("zone", { ...args, ...overrides }), {}));
}

describe("HostedZoneRecords component", () => {
    it("delegates the Linode zone with an NS record set naming Linode's five name servers", async () => {
        const { resources } = await declare();
        const ns = named(resources, "zone-ns-linode");
        assert.strictEqual(ns.parentType, "multicloud-dr:dns:HostedZoneRecords");
        assert.deepStrictEqual(
            [ns.inputs.zoneId, ns.inputs.name, ns.inputs.type, ns.inputs.records, ns.inputs.ttl],
            ["Z123", "linode.example.com", "NS", LINODE_NS, 300],
        );
    });

    it("puts the certificate authorization's CNAME in the hosted zone as given", async () => {
        const { resources } = await declare({ ttl: 3600 });
        const cname = named(resources, "zone-gcp-cert-auth");
        assert.deepStrictEqual(
            [cname.inputs.zoneId, cname.inputs.name, cname.inputs.type, cname.inputs.records, cname.inputs.ttl],
            ["Z123", AUTH.name, "CNAME", [AUTH.data], 3600],
        );
        assert.strictEqual(ofType(resources, "aws:route53/record:Record").length, 2);
    });

    describe("refuses bad args, naming the property", () => {
        it("a delegated zone outside the domain", () =>
            rejectsInput(declare({ delegations: [{ zone: "linode.example.net", nameServers: LINODE_NS }] }), "delegations[0].zone", /subdomain of example.com/));
        it("the domain itself as a delegated zone", () =>
            rejectsInput(declare({ delegations: [{ zone: "example.com", nameServers: LINODE_NS }] }), "delegations[0].zone", /subdomain of example.com/));
        it("a look-alike zone that only ends with the domain's text", () =>
            rejectsInput(declare({ delegations: [{ zone: "linodeexample.com", nameServers: LINODE_NS }] }), "delegations[0].zone", /subdomain/));
        it("a delegation without name servers", () =>
            rejectsInput(declare({ delegations: [{ zone: "linode.example.com", nameServers: [] }] }), "delegations[0].nameServers", /name servers/));
    });
});
