import * as assert from "assert";
import { spawn } from "child_process";
import { once } from "events";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "../../topology";
import { waitFor } from "../support/waitFor";
import { E2eEstate, startE2eEstate } from "./e2eEstate";

/** A run killed (SIGKILL) while its `pulumi up` runs: the next run completes and audits the flip. Separate file: it runs in its own worker. */
describe("failover CLI end to end: a run killed during its update", () => {
    let estate: E2eEstate;
    before(async () => {
        estate = await startE2eEstate();
    });
    after(() => estate.close());

    it("a run SIGKILLed while its update runs is completed and audited by the next run", async () => {
        const auditLines = estate.audit().length;
        const args = ["failover", "--stack", "staging", "--to", "linode", "--reason", "gcp outage INC-9", "--yes", "--force"];
        const tool = spawn(process.execPath, [path.join(PROJECT_ROOT, "bin", "multicloud-dr"), ...args], {
            cwd: PROJECT_ROOT,
            env: { PATH: process.env.PATH ?? "", HOME: estate.stateDir, ...estate.env(), STUB_PULUMI_UP_SLEEP_MS: "1500" },
            stdio: "ignore",
        });
        await waitFor(() => estate.deployed("activeSite") === "linode", 60_000, "the update to deploy linode");
        tool.kill("SIGKILL");
        await once(tool, "exit");
        const pending = JSON.parse(estate.config("lastFlip")!);
        assert.strictEqual(pending.outcome, "pending");
        assert.strictEqual(estate.audit().length, auditLines, "the killed run wrote no audit line");
        await waitFor(() => fs.existsSync(path.join(estate.stub.root, "up-done")), 30_000, "the orphaned pulumi up to finish");

        const seen = await estate.drInProcess(["status", "--stack", "staging"]);
        assert.match(seen.stdout, /^stack staging: active site linode /);
        assert.match(seen.stdout, /last flip: failover gcp -> linode by oncall-bot .*was interrupted after its update started; the update deployed it/);

        const next = await estate.dr(["failover", "--stack", "staging", "--to", "linode", "--reason", "gcp outage INC-9", "--yes"]);
        assert.strictEqual(next.code, 0, next.stderr);
        assert.match(next.stdout, /^completed the interrupted failover gcp -> linode by oncall-bot \(audit id \S+\): its update had deployed it; activeSite is already linode/);
        const entry = estate.audit().pop()!;
        assert.deepStrictEqual([entry.id, entry.outcome, entry.reason, entry.completedBy], [pending.id, "succeeded", "gcp outage INC-9", "oncall-bot"]);
        assert.deepStrictEqual([JSON.parse(estate.config("lastFlip")!).id, JSON.parse(estate.config("lastFlip")!).outcome], [pending.id, "succeeded"]);
    });
});
