import type * as automation from "@pulumi/pulumi/automation";
import { BadInputError, PROJECT } from "../../topology";
import { DrStack, guard, PreviewReport, PreviewStep, RefreshReport, UpReport } from "../stackAdapter";
import { RemotePlanSettings } from "./planTypes";

/**
 * Where `--remote` runs each stack's preview and update: Pulumi Deployments, through the Automation API's
 * remote workspace (`RemoteWorkspace.createOrSelectStack`, @pulumi/pulumi/automation/remoteWorkspace.d.ts).
 * Its stack names are fully qualified (`org/project/stack`) and it needs a git URL and a branch
 * (remoteWorkspace.js, createLocalWorkspace).
 */
export interface RemoteSettings {
    readonly organization: string;
    readonly project: string;
    readonly git: { readonly url: string; readonly branch: string; readonly projectPath?: string };
    /** Plain values, and secrets as `{ secret }`: the CLI gets `--remote-env` / `--remote-env-secret` (localWorkspace.js, remoteArgs). */
    readonly envVars: Readonly<Record<string, string | { readonly secret: string }>>;
    readonly preRunCommands: readonly string[];
    /** A token for a private repository: `--remote-git-auth-access-token`. */
    readonly gitToken?: string;
}

/** Environment variables that override or complete the plan's `remote` section (CI sets them). */
export const REMOTE_ENV = {
    organization: "MULTICLOUD_DR_REMOTE_ORG",
    url: "MULTICLOUD_DR_REMOTE_GIT_URL",
    branch: "MULTICLOUD_DR_REMOTE_GIT_BRANCH",
    projectPath: "MULTICLOUD_DR_REMOTE_PROJECT_PATH",
    gitToken: "MULTICLOUD_DR_REMOTE_GIT_TOKEN",
} as const;

/** The plan's `remote` section completed from the environment; a missing setting or secret is bad input. */
export function resolveRemoteSettings(plan: RemotePlanSettings | undefined, env: Readonly<Record<string, string | undefined>>): RemoteSettings {
    const pick = (name: keyof typeof REMOTE_ENV, fromPlan?: string) => (env[REMOTE_ENV[name]] || undefined) ?? fromPlan;
    const organization = pick("organization", plan?.organization);
    const url = pick("url", plan?.git?.url);
    const branch = pick("branch", plan?.git?.branch);
    const projectPath = pick("projectPath", plan?.git?.projectPath);
    const missing = [
        organization ? undefined : `remote.organization (or ${REMOTE_ENV.organization})`,
        url ? undefined : `remote.git.url (or ${REMOTE_ENV.url})`,
        branch ? undefined : `remote.git.branch (or ${REMOTE_ENV.branch})`,
    ].filter(Boolean);
    if (missing.length > 0) {
        throw new BadInputError(`--remote needs ${missing.join(", ")}`);
    }
    const envVars: Record<string, string | { secret: string }> = { ...(plan?.env ?? {}) };
    for (const name of plan?.secretEnv ?? []) {
        const value = env[name];
        if (!value) {
            throw new BadInputError(`--remote: the secret ${name} (remote.secretEnv) is not set in this environment`);
        }
        envVars[name] = { secret: value };
    }
    const gitToken = env[REMOTE_ENV.gitToken] || undefined;
    return {
        organization: organization as string,
        project: PROJECT,
        git: { url: url as string, branch: branch as string, ...(projectPath ? { projectPath } : {}) },
        envVars,
        preRunCommands: [...(plan?.preRunCommands ?? [])],
        ...(gitToken ? { gitToken } : {}),
    };
}

export function remoteStackName(settings: RemoteSettings, stack: string): string {
    return `${settings.organization}/${settings.project}/${stack}`;
}

/** One word for the remote executor's shell. */
export function shellQuote(word: string): string {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The config this run wrote, as commands the remote executor runs in its checkout before the operation: the
 * remote run reads the stack's config from the repository, so the flip travels with it.
 */
export function configCommands(fqStack: string, writes: ReadonlyMap<string, { value?: string; path: boolean }>): string[] {
    return [...writes].map(([key, write]) =>
        [
            "pulumi",
            "config",
            write.value === undefined ? "rm" : "set",
            ...(write.path ? ["--path"] : []),
            ...(write.value === undefined ? [] : ["--plaintext"]),
            "--stack",
            fqStack,
            shellQuote(key),
            ...(write.value === undefined ? [] : ["--", shellQuote(write.value)]),
        ].join(" "),
    );
}

/** Opens a stack on Pulumi Deployments; injected so tests can record the arguments. */
export type RemoteStackOpener = (args: automation.RemoteGitProgramArgs, opts: automation.RemoteWorkspaceOptions) => Promise<Pick<automation.RemoteStack, "preview" | "up">>;

/** The real one: the Automation API's errors become this tool's (a locked stack is a concurrent update). */
export const automationRemoteOpener: RemoteStackOpener = async (args, opts) => {
    const auto: typeof automation = await import("@pulumi/pulumi/automation");
    const guarded = <T>(command: string, work: () => Promise<T>) => guard(command, args.stackName, auto, work);
    const stack = await guarded("stack select", () => auto.RemoteWorkspace.createOrSelectStack(args, opts));
    return {
        preview: (o) => guarded("preview", () => stack.preview(o)),
        up: (o) => guarded("up", () => stack.up(o)),
    };
};

/**
 * A stack whose reads and config writes go to `local` (the project's workspace: same backend, same stack file)
 * and whose preview and update run on Pulumi Deployments. The refresh a local flip does is skipped: a remote
 * refresh cannot target resources (RemoteRefreshOptions has only onOutput/onEvent, remoteStack.d.ts) and a
 * dry run must not refresh state; the remote update is not targeted either (RemoteUpOptions has no target),
 * which the judged preview of the whole stack covers.
 */
export function remoteDrStack(local: DrStack, settings: RemoteSettings, open: RemoteStackOpener = automationRemoteOpener): DrStack {
    const fqName = remoteStackName(settings, local.name);
    const writes = new Map<string, { value?: string; path: boolean }>();
    const remote = () =>
        open(
            {
                stackName: fqName,
                url: settings.git.url,
                branch: settings.git.branch,
                ...(settings.git.projectPath ? { projectPath: settings.git.projectPath } : {}),
                ...(settings.gitToken ? { auth: { personalAccessToken: settings.gitToken } } : {}),
            },
            { envVars: { ...settings.envVars }, preRunCommands: [...settings.preRunCommands, ...configCommands(fqName, writes)] },
        );
    return {
        name: local.name,
        getConfig: (key) => local.getConfig(key),
        setConfig: async (key, value, path = false) => {
            await local.setConfig(key, value, path);
            writes.set(key, { value, path });
        },
        removeConfig: async (key, path = false) => {
            await local.removeConfig(key, path);
            writes.set(key, { path });
        },
        getAllConfig: () => local.getAllConfig(),
        outputs: () => local.outputs(),
        resources: () => local.resources(),
        refresh: async (): Promise<RefreshReport> => ({ drifted: [] }),
        preview: async (): Promise<PreviewReport> => {
            const steps: PreviewStep[] = [];
            const stack = await remote();
            const result = await stack.preview({
                onEvent: (event) => {
                    const meta = event.resourcePreEvent?.metadata;
                    if (meta) {
                        steps.push({ op: meta.op, urn: meta.urn, type: meta.type, replaces: [...(meta.keys ?? [])], diffs: [...new Set([...(meta.diffs ?? []), ...Object.keys(meta.detailedDiff ?? {})])] });
                    }
                },
            });
            return { changeSummary: { ...result.changeSummary }, steps };
        },
        up: async (_message, onOutput): Promise<UpReport> => {
            const stack = await remote();
            const result = await stack.up({ onOutput });
            return { result: result.summary?.result ?? "succeeded", changeSummary: { ...(result.summary?.resourceChanges ?? {}) } };
        },
    };
}
