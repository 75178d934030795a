/**
 * `npm run screenshot [-- <file.png>]`: the status page of a real watch (`--auto`, a round every 0.3 s) on the
 * loopback estate the tests use, through an incident: gcp stops answering, the watch fails over to linode. Writes
 * `docs/status-page.png` (the README's picture) unless given another file. Needs Debian's chromium.
 */
import * as fs from "fs";
import * as path from "path";
import { FAILING } from "../tests/drill/estate";
import { launchChromium } from "../tests/watch/browser";
import { drillReport, flipEntry, startStatusScenario } from "../tests/watch/statusScenario";
import { waitFor } from "../tests/support/waitFor";

const DAY = 86_400_000;

async function main(): Promise<void> {
    const out = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "docs", "status-page.png"));
    const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
    const scenario = await startStatusScenario({
        auto: true,
        intervalSeconds: 0.3,
        threshold: 3,
        flips: [
            flipEntry({ at: iso(7 * DAY), action: "failover", from: "gcp", to: "linode", who: "drill-bot", reason: "drill: weekly rehearsal" }),
            flipEntry({ at: iso(7 * DAY - 120_000), action: "failback", from: "linode", to: "gcp", who: "drill-bot", reason: "drill: return home" }),
        ],
        drills: [
            drillReport({ startedAt: iso(21 * DAY), timeToRecoverSeconds: 38.2, withinTarget: true, message: "drill passed: 6 steps" }),
            drillReport({ startedAt: iso(14 * DAY), timeToRecoverSeconds: 331.6, withinTarget: false, outcome: "failed", message: "time to recover 331.6 s exceeded the target 300 s" }),
            drillReport({ startedAt: iso(7 * DAY), timeToRecoverSeconds: 41.7, withinTarget: true, message: "drill passed: 6 steps" }),
        ],
    });
    const browser = await launchChromium();
    try {
        await waitFor(() => scenario.rounds() >= 8, 30_000, "8 healthy rounds");
        scenario.estate.gcp.behaviour = { ...FAILING };
        await waitFor(() => scenario.services.board.view().activeSite === "linode", 30_000, "the automatic failover");
        const flipped = scenario.rounds();
        await waitFor(() => scenario.rounds() >= flipped + 6, 30_000, "rounds on linode");
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`${scenario.url}/`);
        fs.mkdirSync(path.dirname(out), { recursive: true });
        await page.screenshot({ path: out, fullPage: true });
        process.stdout.write(`${out}\n`);
    } finally {
        await browser.close();
        await scenario.stop();
    }
}

main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
});
