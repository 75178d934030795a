import * as assert from "node:assert/strict";
import fc from "fast-check";
import { activeSiteView } from "../../agent/activeSiteView";
import { beforeDeadline } from "../../agent/failure";
import { freshness, ParameterRead } from "../../agent/freshness";
import { readOrder } from "../../agent/regions";
import { CheckResult, healthVerdict } from "../../agent/verdict";

const READ: ParameterRead = { value: { activeSite: "gcp", writeRegion: "us-east-1" }, version: 3, region: "us-west-2", readAt: 1_000_000 };

describe("agent decisions", () => {
    describe("readOrder", () => {
        it("puts the agent's own region first when the parameter lives there", () => {
            assert.deepEqual(readOrder("eu-west-1", ["us-east-1", "eu-west-1", "ap-south-1"]), ["eu-west-1", "us-east-1", "ap-south-1"]);
        });

        it("keeps the configured order otherwise", () => {
            assert.deepEqual(readOrder("sa-east-1", ["us-east-1", "eu-west-1"]), ["us-east-1", "eu-west-1"]);
        });

        it("is always a permutation of the list, starting with the nearest region when listed", () => {
            const region = fc.constantFrom("us-east-1", "us-west-2", "eu-west-1", "ap-south-1", "sa-east-1");
            fc.assert(
                fc.property(region, fc.uniqueArray(region, { minLength: 1 }), (nearest, regions) => {
                    const order = readOrder(nearest, regions);
                    assert.deepEqual([...order].sort(), [...regions].sort());
                    if (regions.includes(nearest)) {
                        assert.equal(order[0], nearest);
                    }
                    const others = order.filter((r) => r !== nearest);
                    assert.deepEqual(others, regions.filter((r) => r !== nearest));
                }),
            );
        });
    });

    describe("freshness", () => {
        it("is unusable before the first good read, with the failure", () => {
            assert.deepEqual(freshness({ failure: "us-east-1: connection refused" }, 5, 1000), {
                usable: false,
                reason: "parameter not read yet: us-east-1: connection refused",
            });
        });

        it("is fresh after a good read", () => {
            assert.deepEqual(freshness({ last: READ }, READ.readAt + 400, 1000), { usable: true, read: READ, ageMs: 400, stale: false });
        });

        it("is stale but usable while refreshes fail within the bound, and unusable beyond it", () => {
            const state = { last: READ, failure: "us-west-2: no answer within 500 ms" };
            assert.deepEqual(freshness(state, READ.readAt + 1000, 1000), { usable: true, read: READ, ageMs: 1000, stale: true, failure: state.failure });
            const expired = freshness(state, READ.readAt + 1001, 1000);
            assert.equal(expired.usable, false);
            assert.equal(!expired.usable && expired.reason, "last good read 1001 ms ago exceeds the 1000 ms bound: us-west-2: no answer within 500 ms");
        });

        it("is unusable when refreshes stopped happening, even without a failure", () => {
            assert.equal(freshness({ last: READ }, READ.readAt + 5000, 1000).usable, false);
        });
    });

    describe("healthVerdict", () => {
        const ok: CheckResult = { ok: true, detail: "fine", ms: 3 };

        it("answers 200 with exactly the expected body when all checks pass", () => {
            assert.deepEqual(healthVerdict({ app: ok, parameter: ok, canary: ok }, "site ok"), { status: 200, contentType: "text/plain; charset=utf-8", body: "site ok" });
        });

        it("answers 503 naming every failed check, in order", () => {
            const answer = healthVerdict({ app: { ok: false, detail: "connection refused" }, parameter: ok, canary: { ok: false, detail: "canary item missing" } }, "ok");
            assert.equal(answer.status, 503);
            assert.equal(answer.contentType, "application/json");
            const body = JSON.parse(answer.body);
            assert.equal(body.ok, false);
            assert.equal(body.reason, "app: connection refused; canary: canary item missing");
            assert.deepEqual(Object.keys(body.checks), ["app", "parameter", "canary"]);
        });

        it("is 200 exactly when every check passed", () => {
            const check = fc.record({ ok: fc.boolean(), detail: fc.string() });
            fc.assert(
                fc.property(check, check, check, (app, parameter, canary) => {
                    const answer = healthVerdict({ app, parameter, canary }, "ok");
                    assert.equal(answer.status === 200, app.ok && parameter.ok && canary.ok);
                }),
            );
        });
    });

    describe("activeSiteView", () => {
        it("tells the app whether its site is the active one, and how old the value is", () => {
            const view = activeSiteView("linode", { usable: true, read: READ, ageMs: 250, stale: true, failure: "down" });
            assert.deepEqual(view, {
                ok: true,
                site: "linode",
                activeSite: "gcp",
                writeRegion: "us-east-1",
                isActiveSite: false,
                version: 3,
                readFrom: "us-west-2",
                readAt: new Date(READ.readAt).toISOString(),
                ageMs: 250,
                stale: true,
                failure: "down",
            });
        });

        it("is not ok once the value may not be used, and keeps the last value for diagnosis", () => {
            const view = activeSiteView("gcp", { usable: false, reason: "too old", read: READ, ageMs: 9000 });
            assert.equal(view.ok, false);
            assert.equal(view.reason, "too old");
            assert.equal((view.last as { writeRegion: string }).writeRegion, "us-east-1");
        });
    });
});

describe("agent: beforeDeadline", () => {
    it("rejects at the deadline when the work itself never settles", async () => {
        const started = Date.now();
        await assert.rejects(beforeDeadline(new Promise(() => undefined), AbortSignal.timeout(100)), { name: "TimeoutError" });
        assert.ok(Date.now() - started < 1000);
    });

    it("settles as the work does when it comes first", async () => {
        assert.equal(await beforeDeadline(Promise.resolve(42), AbortSignal.timeout(1000)), 42);
        await assert.rejects(beforeDeadline(Promise.reject(new Error("refused")), AbortSignal.timeout(1000)), /refused/);
    });
});
