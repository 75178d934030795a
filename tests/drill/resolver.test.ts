import * as assert from "assert";
import { dnsResolver, parseDnsServer } from "../../automation/drill";
import { BadInputError } from "../../topology";
import { DnsServer, startDnsServer } from "./dnsServer";

describe("drill resolver (Node's resolver against a dns2 server on 127.0.0.1)", () => {
    let dns: DnsServer;
    const loopbackOnly = { allowRemote: false };

    before(async () => {
        dns = await startDnsServer((name) => (name === "app.staging.example.com" ? ["127.0.0.3", "127.0.0.5"] : []));
    });
    after(() => dns.close());

    it("resolves the app hostname's A records through the given server", async () => {
        const answer = await dnsResolver({ server: dns.address, timeoutMs: 1000, scope: loopbackOnly })("app.staging.example.com");
        assert.deepStrictEqual(answer, { ok: true, addresses: ["127.0.0.3", "127.0.0.5"], server: dns.address });
    });

    it("reports a name that does not exist as a failed lookup, not an exception", async () => {
        const answer = await dnsResolver({ server: dns.address, timeoutMs: 1000, scope: loopbackOnly })("nope.staging.example.com");
        assert.deepStrictEqual(answer, { ok: false, detail: "ENOTFOUND for nope.staging.example.com", server: dns.address });
    });

    it("outside a real run asks neither a non-loopback server nor the system's resolvers", async () => {
        const before = dns.queries.length;
        assert.deepStrictEqual(await dnsResolver({ server: "192.0.2.53", timeoutMs: 1000, scope: loopbackOnly })("app.staging.example.com"), {
            ok: false,
            detail: "not asking DNS server 192.0.2.53: only loopback addresses outside a real run",
            server: "192.0.2.53",
        });
        assert.match((await dnsResolver({ timeoutMs: 1000, scope: loopbackOnly })("app.staging.example.com") as { detail: string }).detail, /^not resolving through the system's DNS outside a real run/);
        assert.strictEqual(dns.queries.length, before);
    });

    it("accepts an address with an optional port and rejects anything else as bad input", () => {
        assert.deepStrictEqual(["127.0.0.1", "127.0.0.1:5353", "[::1]:53", "192.0.2.1"].map(parseDnsServer), ["127.0.0.1", "127.0.0.1:5353", "[::1]:53", "192.0.2.1"]);
        for (const bad of ["dns.example.com", "127.0.0.1:99999", "300.1.1.1", "", "::1:53"]) {
            assert.throws(() => parseDnsServer(bad), BadInputError, bad);
        }
    });
});
