import * as assert from "assert";
import { escapeHtml, renderStatusPage, StatusView } from "../../automation/statusPage";
import { standingByState } from "../../automation/watch";
import { drillReport, flipEntry } from "./statusScenario";

const view = (fields: Partial<StatusView>): StatusView => ({
    stack: "staging",
    generatedAt: Date.parse("2025-01-01T00:00:00Z"),
    refreshSeconds: 10,
    leadership: { mayAct: true, text: "no lease" },
    probes: [],
    certificates: [],
    flips: [],
    drills: [],
    ...fields,
});

describe("status page rendering (pure)", () => {
    it("escapes the five HTML-special characters", () => {
        assert.strictEqual(escapeHtml(`<a href="x" title='y'>&</a>`), "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
    });

    it("nothing from the stack, the probes, the audit log or drill reports reaches the page unescaped", () => {
        const evil = `"><script>x()</script><img src=x onerror=x()>`;
        const html = renderStatusPage(
            view({
                stack: evil,
                activeSite: evil,
                homeSite: evil,
                linodeActiveRegion: evil,
                leadership: { mayAct: false, text: evil },
                probes: [{ name: evil, target: evil, samples: [{ at: 0, ok: false, status: evil, detail: evil, ms: 1 }] }],
                certificates: [{ endpoint: evil, target: evil, servername: evil, error: evil }],
                flips: [flipEntry({ reason: evil, who: evil, from: evil, to: evil, at: evil, action: evil as never, outcome: evil as never })],
                drills: [drillReport({ message: evil, startedAt: evil, from: evil as never, to: evil as never, outcome: evil as never })],
            }),
        );
        assert.doesNotMatch(html, /<script|<img|onerror=x\(\)>/);
        assert.ok(html.split("&lt;script&gt;").length > 10, "each field shown, escaped");
    });

    it("refreshes itself on the given interval, with no script at all", () => {
        const html = renderStatusPage(view({ refreshSeconds: 7 }));
        assert.match(html, /<meta http-equiv="refresh" content="7">/);
        assert.doesNotMatch(html, /<script/i);
    });
});

describe("a watch standing by", () => {
    it("keeps its failure count but has acted on nothing, so it acts at once on taking over (and resolves the holder's page)", () => {
        const state = { site: "gcp" as const, consecutiveFailures: 4, incident: "acted" as const, failbackReported: true, homeHealthySince: 5, foreignPageMayBeOpen: false };
        assert.deepStrictEqual(standingByState(state), { site: "gcp", consecutiveFailures: 4, incident: "none", failbackReported: false, homeHealthySince: 5, foreignPageMayBeOpen: true });
    });
});
