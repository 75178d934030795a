import * as assert from "assert";
import * as aws from "@pulumi/aws";
import * as linode from "@pulumi/linode";
import { AddressBook, evaluateDeclarations, ResourceRecorder } from "../../offline";

describe("the offline mock runtime", () => {
    it("throws on an invoke the program is not known to make", () => {
        const recorder = new ResourceRecorder();
        assert.throws(() => recorder.call({ token: "aws:ec2/getAmi:getAmi", inputs: {} }), /unexpected invoke aws:ec2\/getAmi:getAmi/);
    });

    it("answers the hosted-zone lookup the program makes", () => {
        const answer = new ResourceRecorder().call({ token: "aws:route53/getZone:getZone", inputs: { name: "example.com" } });
        assert.strictEqual(answer.zoneId, "ZPLACEHOLDEREXAMPLECOM");
    });

    it("records every resource with its URN, parent, dependencies and which outputs are placeholders", async () => {
        const { resources } = await evaluateDeclarations(() => {
            const nb = new linode.NodeBalancer("nb", { region: "us-east" });
            const check = new aws.route53.HealthCheck("hc", { type: "HTTPS", ipAddress: nb.ipv4 });
            return { id: check.id };
        });
        const [nb, check] = resources;
        assert.match(nb.urn, /::linode:index\/nodeBalancer:NodeBalancer::nb$/);
        assert.match(nb.outputs.ipv4, /^203\.0\.113\.\d+$/);
        assert.deepStrictEqual(nb.placeholders, ["ipv4", "hostname"]);
        assert.match(nb.id ?? "", /^\d+$/, "Linode ids are numeric");
        assert.deepStrictEqual(check.propertyDependencies.ipAddress, [nb.urn]);
        assert.strictEqual(check.inputs.ipAddress, nb.outputs.ipv4);
    });

    it("leaves cloud-computed values unknown in a preview, as a first pulumi preview does", async () => {
        const { resources } = await evaluateDeclarations(
            () => {
                const nb = new linode.NodeBalancer("nb", { region: "us-east" });
                new aws.route53.HealthCheck("hc", { type: "HTTPS", ipAddress: nb.ipv4 });
                return {};
            },
            { preview: true },
        );
        const check = resources.find((r) => r.name === "hc");
        assert.ok(check);
        assert.strictEqual("ipAddress" in check.inputs, false);
        assert.strictEqual(check.inputs.type, "HTTPS");
    });

    it("hands out distinct documentation-range addresses, stable per key", () => {
        const book = new AddressBook();
        const addresses = Array.from({ length: 254 }, (_, i) => book.address("public", `nb-${i}`));
        assert.strictEqual(new Set(addresses).size, 254);
        assert.ok(addresses.every((a) => a.startsWith("203.0.113.")));
        assert.strictEqual(book.address("public", "nb-7"), addresses[7]);
        assert.throws(() => book.address("public", "one-too-many"), /exhausted/);
    });
});
