import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readStackConfig } from "../../topology";

/** The stub's stack and its URNs, as argv spells them. */
export const S = ["--stack", "staging"];
export const NI = "--non-interactive";
export const URN = "urn:pulumi:staging::multicloud-dr::";
export const APP_PRIMARY = `${URN}aws:route53/record:Record::app-primary`;
export const APP_SECONDARY = `${URN}aws:route53/record:Record::app-secondary`;
export const SSM = `${URN}aws:ssm/parameter:Parameter::active-site-us-east-1`;
export const LINODE = `${URN}linode:index/domainRecord:DomainRecord::linode-app`;
export const target = (...urns: string[]): string[] => urns.flatMap((u) => ["--target", u]);
/** Every resource of a type a flip may touch, in the stub's state order. */
export const FLIP_TARGETS = target(APP_PRIMARY, APP_SECONDARY, SSM, LINODE);

/** The staging stack's outputs with its three site endpoints at these URLs (what most end-to-end estates deploy). */
export function stagingOutputs(urls: { readonly gcp: string; readonly usEast: string; readonly usCentral: string }): Record<string, unknown> {
    return {
        appHostname: "app.staging.example.com",
        tableName: "dr-app-staging",
        healthEndpoints: { gcp: urls.gcp, "linode:us-east": urls.usEast, "linode:us-central": urls.usCentral },
        siteEndpoints: { gcp: urls.gcp, linode: urls.usEast },
        writeRegions: { gcp: "us-west-2", linode: "us-east-2" },
    };
}

export interface StubStack {
    config: Record<string, { value: string; secret: boolean }>;
    deployed: Record<string, string>;
    outputs: Record<string, unknown>;
    secretOutputs?: string[];
    history: Array<Record<string, unknown>>;
    extraPreviewSteps?: Array<{ op: string; type: string; name: string; diffs?: string[]; keys?: string[] }>;
    /** Console edits the state does not know of yet (a resource's name and the properties changed). */
    handEdits?: Array<{ name: string; diffs: string[] }>;
    /** Commands that fail on this stack only: command -> kind, as in STUB_PULUMI_FAIL. */
    failOn?: Record<string, string>;
}

export interface StubPulumi {
    /** Pass as `PulumiCommand.get({ root })` or `MULTICLOUD_DR_PULUMI_ROOT`. */
    readonly root: string;
    /** Every argv the stub received, in order. */
    calls(): string[][];
    clearCalls(): void;
    /** The working directory of the last call. */
    lastCwd(): string;
    stack(name: string): StubStack;
    update(name: string, change: (stack: StubStack) => void): void;
    /** A stack named `name` with a copy of `from`'s config, deployment and outputs (for a stack whose file is only made by a test). */
    copyStack(from: string, name: string): void;
    remove(): void;
}

/** Generates `<tmp>/bin/pulumi` (a Node script with a shebang) over a stack copied from one of the project's stack files. */
export function createStubPulumi(stacks: Record<string, { outputs: Record<string, unknown>; secretOutputs?: string[] }>): StubPulumi {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stub-"));
    fs.mkdirSync(path.join(root, "bin"));
    const script = path.join(root, "bin", "pulumi");
    fs.writeFileSync(script, `#!/usr/bin/env node\nrequire(${JSON.stringify(path.join(__dirname, "fixtures", "pulumiStub.js"))});\n`, { mode: 0o755 });
    const state = { version: "3.248.0", current: "", stacks: {} as Record<string, StubStack> };
    for (const [name, spec] of Object.entries(stacks)) {
        const file = readStackConfig(name);
        const config = Object.fromEntries(Object.entries(file.values).map(([k, v]) => [k, { value: v, secret: file.secretKeys.includes(k) }]));
        config["multicloud-dr:nodeBalancerTlsKey"] = { value: "-----BEGIN PRIVATE KEY----- stub-secret-value", secret: true };
        state.stacks[name] = { config, deployed: { ...file.values }, outputs: spec.outputs, secretOutputs: spec.secretOutputs, history: [] };
    }
    const statePath = path.join(root, "state.json");
    const callsPath = path.join(root, "calls.jsonl");
    fs.writeFileSync(statePath, JSON.stringify(state, null, 2));
    fs.writeFileSync(callsPath, "");
    const read = () => JSON.parse(fs.readFileSync(statePath, "utf8"));
    return {
        root,
        calls: () =>
            fs
                .readFileSync(callsPath, "utf8")
                .split("\n")
                .filter(Boolean)
                .map((l) => JSON.parse(l)),
        clearCalls: () => fs.writeFileSync(callsPath, ""),
        lastCwd: () => fs.readFileSync(path.join(root, "cwd.txt"), "utf8"),
        stack: (name) => read().stacks[name],
        update: (name, change) => {
            const current = read();
            change(current.stacks[name]);
            fs.writeFileSync(statePath, JSON.stringify(current, null, 2));
        },
        copyStack: (from, name) => {
            const current = read();
            current.stacks[name] = JSON.parse(JSON.stringify(current.stacks[from]));
            fs.writeFileSync(statePath, JSON.stringify(current, null, 2));
        },
        remove: () => fs.rmSync(root, { recursive: true, force: true }),
    };
}
