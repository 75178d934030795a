import * as assert from "assert";
import * as path from "path";
import { Browser } from "playwright-core";
import { artifactsDir, launchChromium } from "./browser";
import { drillReport, flipEntry, startStatusScenario, StatusScenario } from "./statusScenario";
import { waitFor } from "../support/waitFor";

// What the functions run inside the page use (the project compiles without the DOM library).
declare const document: { querySelector(selector: string): unknown };
declare const getComputedStyle: (element: unknown) => { backgroundColor: string; color: string };

const RED = "rgb(207, 34, 46)";
const GREEN = "rgb(26, 127, 55)";
const INJECTED = `<script>document.title="pwned"</script><img src=x onerror="document.title='pwned'">`;

describe("status page in a real headless Chromium (Debian's, driven by playwright-core)", function () {
    this.timeout(120_000);
    let browser: Browser;
    let scenario: StatusScenario;

    before(async () => {
        browser = await launchChromium();
        scenario = await startStatusScenario({
            auto: false,
            intervalSeconds: 0.2,
            threshold: 100,
            flips: [flipEntry({ at: "2025-01-02T03:04:05.000Z", reason: `incident ${INJECTED}`, who: `mallory ${INJECTED}` })],
            drills: [
                drillReport({ startedAt: "2025-01-05T10:00:00.000Z", timeToRecoverSeconds: 42.5, withinTarget: true }),
                drillReport({ startedAt: "2025-01-12T10:00:00.000Z", timeToRecoverSeconds: 412.3, withinTarget: false, outcome: "failed", message: `slow ${INJECTED}` }),
            ],
        });
        await waitFor(() => scenario.rounds() >= 2, 30_000, "two watch rounds");
    });
    after(async () => {
        await browser?.close();
        await scenario?.stop();
    });

    it("loads, shows the active site, and turns an endpoint red when its server stops (the page refreshes itself)", async () => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const response = await page.goto(`${scenario.url}/`);
        assert.strictEqual(response?.status(), 200);
        assert.strictEqual(await page.locator("#active-site").textContent(), "gcp");
        assert.strictEqual(await page.locator("#home-site").textContent(), "gcp");
        assert.strictEqual(await page.locator("#linode-region").textContent(), "us-east");
        const gcpBadge = page.locator('[data-probe="endpoint:gcp"] .badge');
        assert.strictEqual(await gcpBadge.evaluate((el) => getComputedStyle(el).backgroundColor), GREEN);

        await scenario.estate.gcp.close();
        // No reload from the test: the page's own meta refresh must bring the red in.
        await page.waitForFunction((red) => {
            const badge = document.querySelector('[data-probe="endpoint:gcp"] .badge');
            return badge !== null && getComputedStyle(badge).backgroundColor === red;
        }, RED, { timeout: 30_000 });
        assert.match((await gcpBadge.textContent()) ?? "", /error/);
        const lastTick = page.locator('[data-probe="endpoint:gcp"] .tick').last();
        assert.strictEqual(await lastTick.evaluate((el) => getComputedStyle(el).backgroundColor), RED);
        assert.strictEqual(await page.locator('[data-probe="endpoint:linode:us-east"] .badge').evaluate((el) => getComputedStyle(el).backgroundColor), GREEN);
        // The screenshot is of a copy without the meta refresh: a screenshot that spans the page's own reload hangs
        // (it timed out at 30 s on a busy machine). The page has no script and its styles inline, so the copy is the page.
        const html = await page.content();
        assert.match(html, /<meta http-equiv="refresh"[^>]*>/);
        const still = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await still.setContent(html.replace(/<meta http-equiv="refresh"[^>]*>/, ""));
        assert.strictEqual(await still.locator('[data-probe="endpoint:gcp"] .badge').evaluate((el) => getComputedStyle(el).backgroundColor), RED);
        await still.screenshot({ path: path.join(artifactsDir(), "status-page-gcp-down.png"), fullPage: true });
        await still.close();
        await page.close();
    });

    it("shows the flips of the audit log and the drills against the target, with what they say escaped, not run", async () => {
        // Read from a copy without the meta refresh: the page's own reload can land between two reads on a busy machine.
        const live = await browser.newPage();
        await live.goto(`${scenario.url}/`);
        const html = await live.content();
        await live.close();
        const page = await browser.newPage();
        await page.setContent(html.replace(/<meta http-equiv="refresh"[^>]*>/, ""));
        assert.strictEqual(await page.locator("script, #flips img, #drills img").count(), 0, "nothing injected became an element");
        assert.notStrictEqual(await page.title(), "pwned");
        const flip = (await page.locator("#flips tr.flip").textContent()) ?? "";
        assert.ok(flip.includes(`incident ${INJECTED}`), flip);
        assert.ok(flip.includes("gcp → linode"));
        const drills = await page.locator("#drills tr.drill").allTextContents();
        assert.strictEqual(drills.length, 2);
        assert.match(drills[0], /^2025-01-12 10:00:00Z.*failed412\.3 s300 s/, "newest first");
        assert.match(drills[1], /passed42\.5 s300 s/);
        assert.strictEqual(await page.locator("#drills tr.drill").first().locator(".bad").last().evaluate((el) => getComputedStyle(el).color), RED);
        await page.close();
    });
});
