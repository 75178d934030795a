import * as assert from "assert";
import { DrNotification } from "../../automation/notify";
import { certificateReader } from "../../automation/probes";
import { watch, WatchEvent } from "../../automation/watch";
import { selfSignedCertificate, startHealthServer, HealthServer } from "../automation/localServers";
import { harness, Harness, LocalEstate, startLocalEstate } from "./estate";

const HOST = "app.staging.example.com";

describe("watch alerts on a served certificate close to expiry (real HTTPS server on 127.0.0.1)", () => {
    let estate: LocalEstate;
    let h: Harness;
    let notes: DrNotification[];
    let tls: HealthServer | undefined;

    before(async function () {
        const cert = selfSignedCertificate(HOST, 5);
        if (!cert) {
            this.skip(); // openssl is not installed
        }
        [estate, tls] = await Promise.all([startLocalEstate(), startHealthServer({ status: 200, body: "ok" }, cert)]);
    });
    after(() => Promise.all([estate?.close(), tls?.close()]));
    beforeEach(() => {
        notes = [];
        // Health from the local estate; the certificate read from gcp's endpoint served over HTTPS.
        const reader = certificateReader({ allowRemote: false });
        h = harness(estate, {
            notify: async (n) => void notes.push(n),
            certificates: (state) => reader({ ...state, outputs: { ...state.outputs, healthEndpoints: { gcp: tls!.url } } }),
        });
    });
    afterEach(() => h.cleanup());

    const certificateEvents = (data: Record<string, unknown>) => (data.events as WatchEvent[]).filter((e) => e.kind === "certificate");

    it("4 days left under the default 21: one webhook alert per certificate, not one per round", async () => {
        const result = await watch(h.ctx, { auto: false, maxRounds: 3 });
        const events = certificateEvents(result.data);
        assert.strictEqual(events.length, 1);
        assert.match(events[0].message, new RegExp(`^ALERT: the certificate gcp serves for ${HOST.replace(/\./g, "\\.")} has 4 day\\(s\\) left \\(valid to .*; warning at 21 days\\): renew it$`));
        assert.deepStrictEqual(notes.filter((n) => n.kind !== "all-clear").map((n) => [n.kind, n.severity, n.title]), [["alert", "warning", events[0].message]]);
    });

    it("no alert when the warning threshold is below the days left", async () => {
        h.setFailoverConfig({ certificateWarningDays: 4 });
        const result = await watch(h.ctx, { auto: false, maxRounds: 2 });
        assert.deepStrictEqual(certificateEvents(result.data), []);
        assert.deepStrictEqual(notes.map((n) => n.kind), ["all-clear"], "only round 1's all-clear");
    });
});
