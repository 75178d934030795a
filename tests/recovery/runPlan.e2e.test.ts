import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PLAN_REPORT_JSON } from "../../automation/recovery";
import { EXIT } from "../../topology";
import { E2eEstate, startE2eEstate } from "../automation/e2eEstate";

const B = "staging-b";

/** End to end: run-plan on two stacks of a stub pulumi (staging and a copy), local health servers and dynalite. */
describe("run-plan end to end (stub pulumi, local servers, dynalite)", () => {
    let estate: E2eEstate;
    let planFile: string;
    let linode: string;

    before(async () => {
        estate = await startE2eEstate();
        estate.stub.copyStack("staging", B);
        linode = estate.stub.stack("staging").deployed["multicloud-dr:linode"];
    });
    after(() => estate.close());
    beforeEach(() => {
        for (const stack of ["staging", B]) {
            estate.stub.update(stack, (s) => {
                for (const key of ["activeSite", "linodeActiveRegion"]) {
                    s.config[`multicloud-dr:${key}`].value = key === "activeSite" ? "gcp" : "us-east";
                    s.deployed[`multicloud-dr:${key}`] = s.config[`multicloud-dr:${key}`].value;
                }
                s.config["multicloud-dr:linode"].value = linode;
                s.deployed["multicloud-dr:linode"] = linode;
                delete s.config["multicloud-dr:lastFlip"];
                delete s.failOn;
            });
        }
        fs.rmSync(path.join(estate.stateDir, "plans"), { recursive: true, force: true });
        estate.stub.clearCalls();
    });

    const writePlan = (plan: Record<string, unknown>) => {
        planFile = path.join(estate.stateDir, "plan.yaml");
        fs.writeFileSync(planFile, YAML.stringify({ version: 1, name: "e2e", rtoTargetSeconds: 600, ...plan }));
        return planFile;
    };
    const linodeCount = (stack: string, where: "config" | "deployed") => {
        const s = estate.stub.stack(stack);
        return JSON.parse(where === "config" ? s.config["multicloud-dr:linode"].value : s.deployed["multicloud-dr:linode"]).instancesPerRegion;
    };
    const active = (stack: string) => [estate.stub.stack(stack).config["multicloud-dr:activeSite"].value, estate.stub.stack(stack).deployed["multicloud-dr:activeSite"]];
    const steps = [
        { name: "scale", kind: "scale-standby", site: "linode", linode: { instancesPerRegion: 2 } },
        { name: "go", kind: "approval" },
        { name: "traffic", kind: "switch-traffic", activeSite: "linode" },
    ];

    it("a failing stack halts the step, leaving the others as they were (in-process); the rerun scales both at once, in whole lines per stack (child process)", async () => {
        writePlan({ stacks: [{ name: B }, { name: "staging" }], steps: [{ ...steps[0], concurrency: 1 }] });
        estate.stub.update(B, (s) => (s.failOn = { preview: "failed" }));
        const first = await estate.drInProcess(["run-plan", planFile, "--reason", "INC-9: gcp down", "--yes", "--json"]);
        assert.strictEqual(first.code, EXIT.FAILED, first.stderr);
        assert.match(first.stderr, /error: plan e2e stopped at step "scale": halted: stack staging-b failed \(exit 1\): aborted: .*; config restored; rerun the same command to resume/);
        assert.deepStrictEqual([linodeCount(B, "config"), linodeCount("staging", "config")], [1, 1], "restored, and untouched");
        assert.deepStrictEqual(
            estate.configWrites().map((c) => [c[1], c[c.indexOf("--stack") + 1], c[c.indexOf("--") + 1]]),
            [
                ["set", B, "2"],
                ["set", B, "1"],
            ],
            "only the failing stack was written (path config), and restored",
        );
        assert.ok(estate.configWrites().every((c) => c.includes("--path") && c.includes("multicloud-dr:linode.instancesPerRegion")));
        assert.deepStrictEqual(
            JSON.parse(first.stdout).steps[0].stacks.map((s: { stack: string; outcome: string }) => [s.stack, s.outcome]),
            [
                [B, "failed"],
                ["staging", "not-started"],
            ],
        );

        // Fixed; and the plan now scales both stacks at once: a changed plan file resumes only where told.
        estate.stub.update(B, (s) => delete s.failOn);
        writePlan({ stacks: [{ name: B }, { name: "staging" }], steps: [{ ...steps[0], concurrency: 2 }] });
        const changed = await estate.drInProcess(["run-plan", planFile, "--reason", "INC-9: gcp down"]);
        assert.strictEqual(changed.code, EXIT.BAD_INPUT);
        assert.match(changed.stderr, /^error: plan e2e: the plan file changed since the run that stopped .*: pass --from-step <step> to say where to start\n$/);
        const { code, stderr } = await estate.dr(["run-plan", planFile, "--reason", "INC-9: gcp down", "--from-step", "scale"]);
        assert.strictEqual(code, EXIT.OK, stderr);
        assert.match(stderr, /plan: plan e2e: restarting at step "scale"/);
        for (const stack of ["staging", B]) {
            assert.deepStrictEqual([linodeCount(stack, "config"), linodeCount(stack, "deployed")], [2, 2], stack);
        }
        // Node's own warnings (the AWS SDK's about the Node version) are not the tool's output.
        const lines = stderr.replace(/\(node:\d+\) Warning:[\s\S]*?--trace-warnings[^\n]*\n/g, "").trimEnd().split("\n");
        assert.deepStrictEqual(
            lines.filter((l) => !/^(\[staging\] |\[staging-b\] |plan: )/.test(l)),
            [],
        );
        assert.ok(lines.includes(`[${B}] Updating (${B}):`) && lines.includes("[staging] Updating (staging):"));
        assert.ok(lines.includes("[staging]  ~  linode:index/instance:Instance linode-us-central-1 updated"));
        const reportPath = /plan: report \S+ and (\S+)/.exec(stderr)?.[1] ?? "";
        assert.strictEqual(path.basename(reportPath), PLAN_REPORT_JSON);
        const report = JSON.parse(fs.readFileSync(reportPath, "utf8"));
        assert.deepStrictEqual(
            report.steps.map((s: { name: string; outcome: string; maxConcurrency?: number }) => [s.name, s.outcome, s.maxConcurrency]),
            [["scale", "passed", 2]],
        );
    });

    it("--dry-run previews every stack, prints the combined blast radius and changes nothing (in-process)", async () => {
        writePlan({ stacks: [{ name: "staging" }], steps });
        const { code, stdout, stderr } = await estate.drInProcess(["run-plan", planFile, "--reason", "INC-11", "--dry-run"]);
        assert.strictEqual(code, EXIT.OK, stderr);
        // 2 Linode regions x 1 new instance, its password and 2 NodeBalancer nodes; then 2 records and the parameter.
        assert.strictEqual(stdout.trim(), "dry run of plan e2e: every stack previewed, nothing changed; blast radius: 8 create, 3 update over 1 stack(s)");
        assert.match(stderr, /plan:   scale \[staging\] create linode:index\/instance:Instance linode-us-central-1\n/);
        assert.match(stderr, /plan:   traffic \[staging\] update aws:route53\/record:Record app-primary \(records, healthCheckId\)\n/);
        assert.deepStrictEqual([linodeCount("staging", "config"), ...active("staging")], [1, "gcp", "gcp"]);
        assert.ok(!fs.existsSync(path.join(estate.stateDir, "plans", "e2e", "execution.json")));
    });

    it("--remote runs previews and updates on Pulumi Deployments with the git source, pre-run config commands and secret env (in-process)", async () => {
        writePlan({
            stacks: [{ name: "staging" }],
            remote: { organization: "acme", git: { url: "https://github.com/acme/dr.git", branch: "release", projectPath: "infra" }, env: { AWS_REGION: "us-east-1" }, secretEnv: ["LINODE_TOKEN"], preRunCommands: ["npm ci"] },
            steps: [steps[1], steps[2]],
        });
        const env = { PATH: `${path.join(estate.stub.root, "bin")}:${process.env.PATH}`, LINODE_TOKEN: "tok-s3cr3t" };
        const { code, stderr } = await estate.drInProcess(["run-plan", planFile, "--reason", "INC-12", "--yes", "--remote"], env);
        assert.strictEqual(code, EXIT.OK, stderr);
        assert.deepStrictEqual(active("staging"), ["linode", "linode"]);
        const remote = estate.stub.calls().filter((c) => c.includes("--remote"));
        assert.deepStrictEqual(
            remote.map((c) => c[0]),
            ["preview", "up"],
        );
        const lastFlip = estate.stub.stack("staging").config["multicloud-dr:lastFlip"].value;
        for (const call of remote) {
            const from = call.indexOf("--remote");
            const remoteArgs = call.slice(from, call.indexOf("--remote-pre-run-command") + 6);
            assert.deepStrictEqual(remoteArgs.slice(0, 12), [
                "--remote",
                "https://github.com/acme/dr.git",
                "--remote-git-repo-dir",
                "infra",
                "--remote-git-branch",
                "release",
                "--remote-env",
                "AWS_REGION=us-east-1",
                "--remote-env-secret",
                "LINODE_TOKEN=tok-s3cr3t",
                "--remote-pre-run-command",
                "npm ci",
            ]);
            assert.strictEqual(call[call.indexOf("--stack") + 1], "acme/multicloud-dr/staging");
            const preRun = call.filter((_, i) => call[i - 1] === "--remote-pre-run-command");
            assert.strictEqual(preRun[1], "pulumi config set --plaintext --stack acme/multicloud-dr/staging multicloud-dr:activeSite -- linode");
            // The write region moves with the traffic, so the flip raises the data epoch in the same change set.
            assert.strictEqual(preRun[2], "pulumi config set --plaintext --stack acme/multicloud-dr/staging multicloud-dr:dataEpoch -- 1");
            assert.match(preRun[3], /^pulumi config set --plaintext --stack acme\/multicloud-dr\/staging multicloud-dr:lastFlip -- '\{"id":.*"outcome":"pending"\}'$/);
        }
        assert.ok(lastFlip.includes('"outcome":"succeeded"'));
        const [entry] = estate.audit().filter((e) => e.action === "failover");
        assert.deepStrictEqual([entry.stack, entry.outcome, entry.reason], ["staging", "succeeded", "INC-12 [plan e2e, step traffic]"]);
        assert.ok(!estate.stub.calls().some((c) => c[0] === "refresh"), "no local refresh on the remote path");
    });

    it("--remote without a git source is bad input, naming what is missing", async () => {
        writePlan({ stacks: [{ name: "staging" }], steps: [steps[1], steps[2]] });
        const { code, stderr } = await estate.drInProcess(["run-plan", planFile, "--reason", "x", "--yes", "--remote"]);
        assert.strictEqual(code, EXIT.BAD_INPUT);
        assert.strictEqual(stderr.trim(), "error: --remote needs remote.organization (or MULTICLOUD_DR_REMOTE_ORG), remote.git.url (or MULTICLOUD_DR_REMOTE_GIT_URL), remote.git.branch (or MULTICLOUD_DR_REMOTE_GIT_BRANCH)");
        assert.deepStrictEqual(estate.configWrites(), []);
    });
});
