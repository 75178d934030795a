import * as assert from "assert";
import { cidrContains, isWholeInternet, parseCidr, parseDrConfig } from "../../topology";
import { stackRawConfig } from "../support/stackConfig";

describe("CIDR parsing", () => {
    it("reads IPv4 and IPv6 blocks with their family and prefix", () => {
        assert.deepStrictEqual(parseCidr("203.0.113.0/24"), { address: "203.0.113.0", prefix: 24, family: "ipv4" });
        assert.deepStrictEqual(parseCidr("2001:db8::/48"), { address: "2001:db8::", prefix: 48, family: "ipv6" });
        assert.deepStrictEqual(parseCidr("::/0"), { address: "::", prefix: 0, family: "ipv6" });
    });

    for (const text of ["999.1.1.1/99", "999.1.1.1/24", "10.0.0.0/33", "1.2.3/24", "010.0.0.0/8", "10.0.0.0", "10.0.0.0/", "10.0.0.0/+8", "2001:db8::/129", "fe80::1%eth0/64", "10.0.0.0/8/8", ""]) {
        it(`refuses ${JSON.stringify(text)}`, () => {
            assert.strictEqual(parseCidr(text), undefined);
        });
    }

    it("tells containment by the address bits, never across families", () => {
        assert.strictEqual(cidrContains("192.168.128.0/17", "192.168.130.7"), true);
        assert.strictEqual(cidrContains("192.168.128.0/17", "192.168.127.255"), false);
        assert.strictEqual(cidrContains("35.191.0.0/16", "35.191.0.0/16"), true);
        assert.strictEqual(cidrContains("35.191.0.0/17", "35.191.0.0/16"), false, "a wider block is not inside a narrower one");
        assert.strictEqual(cidrContains("0.0.0.0/0", "130.211.0.0/22"), true);
        assert.strictEqual(cidrContains("2001:db8::/32", "2001:db8:1::/48"), true);
        assert.strictEqual(cidrContains("::/0", "10.0.0.0/8"), false);
        assert.strictEqual(cidrContains("10.0.0.0/8", "::ffff:10.0.0.1"), false);
        assert.strictEqual(cidrContains("10.0.0.0/33", "10.0.0.1"), false);
    });

    it("knows the whole internet in both families", () => {
        assert.deepStrictEqual(["0.0.0.0/0", "::/0", "10.0.0.0/0", "10.0.0.0/8", "garbage/0"].map(isWholeInternet), [true, true, true, false, false]);
    });

    it("config accepts IPv6 admin blocks next to IPv4 ones", () => {
        const cfg = parseDrConfig(stackRawConfig("staging", { "linode.adminCidrs": '["203.0.113.0/24", "2001:db8::/48"]' }));
        assert.deepStrictEqual(cfg.linode.adminCidrs, ["203.0.113.0/24", "2001:db8::/48"]);
    });
});
