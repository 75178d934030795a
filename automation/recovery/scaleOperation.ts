import { ConcurrentUpdateError, EXIT, ExitCode, PROJECT, Site } from "../../topology";
import { capacityRaises, gkeBoundsProblem, scaleProblems } from "../../topology/scaleSafety";
import { StepTimer } from "../clock";
import { applyFlip } from "../flip";
import { acquireLock, LockHeldError, LocalLock } from "../lock";
import { DrContext, OperationResult } from "../operations/context";
import { resourceChangeOfStep } from "../rules/safePreview";
import { DrStack, PreviewReport, PreviewStep } from "../stackAdapter";
import { readStackState } from "../stackState";
import { escapeControl } from "../terminalText";

export interface ScaleTarget {
    /** The site about to take traffic. */
    readonly site: Site;
    readonly linode?: { readonly instancesPerRegion: number };
    readonly gcp?: { readonly nodesPerZone?: number; readonly minNodesPerZone?: number };
}

export interface ScaleOptions {
    readonly reason: string;
    readonly dryRun: boolean;
}

export type ScaleOutcome = "succeeded" | "at-target" | "dry-run" | "refused" | "aborted" | "concurrent-update" | "up-failed";

export interface ScaleData {
    readonly stack: string;
    readonly outcome: ScaleOutcome;
    readonly message: string;
    /** Config path -> its value before and after. */
    readonly changes: Readonly<Record<string, { readonly from: number; readonly to: number }>>;
    readonly durationsMs: Readonly<Record<string, number>>;
    /** The preview's changing steps (dry runs and refusals). */
    readonly steps?: readonly PreviewStep[];
}

/** A capacity raise's preview is safe when every step passes `topology/scaleSafety.ts`. */
export function checkScalePreview(preview: PreviewReport): string | undefined {
    const problems = [...new Set(preview.steps.flatMap((s) => scaleProblems(resourceChangeOfStep(s))))];
    return problems.length > 0 ? `the preview is not a safe capacity raise: ${problems.join("; ")}` : undefined;
}

/** Keys with a `.` after the namespace are paths into a structured value: `config set --path`. */
export function pathConfigStack(stack: DrStack): DrStack {
    const isPath = (key: string) => key.slice(key.indexOf(":") + 1).includes(".");
    return {
        name: stack.name,
        getConfig: (key) => stack.getConfig(key),
        setConfig: (key, value) => stack.setConfig(key, value, isPath(key)),
        removeConfig: (key) => stack.removeConfig(key, isPath(key)),
        getAllConfig: () => stack.getAllConfig(),
        outputs: () => stack.outputs(),
        resources: () => stack.resources(),
        refresh: (targets, previewOnly) => stack.refresh(targets, previewOnly),
        preview: () => stack.preview(),
        up: (message, onOutput, targets) => stack.up(message, onOutput, targets),
    };
}

/**
 * Raises the standby site's capacity through config, as a declarative update under the stack's local lock:
 * read config, set the raised counts (path config), preview, refuse anything but added capacity, update.
 * Stopped before the update, config is restored exactly (`applyFlip`); a failed update leaves config raised,
 * and a rerun converges. Never lowers a count.
 */
export async function scaleStandby(ctx: DrContext, target: ScaleTarget, options: ScaleOptions): Promise<OperationResult<ScaleData>> {
    const timer = new StepTimer(ctx.clock);
    let lock: LocalLock;
    try {
        lock = acquireLock(ctx.lockDir, ctx.stack.name, "scale-standby");
    } catch (err) {
        if (err instanceof LockHeldError) {
            return result(ctx, timer, "concurrent-update", EXIT.CONCURRENT_UPDATE, err.message, {});
        }
        throw err;
    }
    try {
        return await scaleLocked(ctx, target, options, timer);
    } finally {
        lock.release();
    }
}

async function scaleLocked(ctx: DrContext, target: ScaleTarget, options: ScaleOptions, timer: StepTimer): Promise<OperationResult<ScaleData>> {
    let state;
    try {
        state = await timer.time("readState", () => readStackState(ctx.stack));
    } catch (err) {
        if (err instanceof ConcurrentUpdateError) {
            return result(ctx, timer, "concurrent-update", EXIT.CONCURRENT_UPDATE, `${err.message} (reading the stack)`, {});
        }
        throw err;
    }
    const { cfg } = state;
    const wanted: Record<string, number> = {};
    const current: Record<string, number> = {};
    if (target.site === "linode" && target.linode) {
        wanted["linode.instancesPerRegion"] = target.linode.instancesPerRegion;
        current["linode.instancesPerRegion"] = cfg.linode.instancesPerRegion;
    }
    if (target.site === "gcp" && target.gcp) {
        for (const key of ["nodesPerZone", "minNodesPerZone"] as const) {
            if (target.gcp[key] !== undefined) {
                wanted[`gcp.${key}`] = target.gcp[key] as number;
                current[`gcp.${key}`] = cfg.gcp[key];
            }
        }
    }
    const raises = capacityRaises({ wanted, current });
    const changes = Object.fromEntries(Object.entries(raises).map(([key, to]) => [key, { from: current[key], to }]));
    if (Object.keys(raises).length === 0) {
        return result(ctx, timer, "at-target", EXIT.OK, `${target.site} capacity on stack ${state.stack} is already at or above ${describe(wanted)}: nothing to do`, {});
    }
    if (target.site === "gcp") {
        const bounds = gkeBoundsProblem({
            nodesPerZone: raises["gcp.nodesPerZone"] ?? cfg.gcp.nodesPerZone,
            minNodesPerZone: raises["gcp.minNodesPerZone"] ?? cfg.gcp.minNodesPerZone,
            maxNodesPerZone: cfg.gcp.maxNodesPerZone,
        });
        if (bounds) {
            return result(ctx, timer, "refused", EXIT.REFUSED, `refused: ${bounds}; config unchanged`, changes);
        }
    }
    const key = (path: string) => `${PROJECT}:${path}`;
    const valueOf = (path: string): number => {
        const [section, field] = path.split(".");
        return Number((cfg as unknown as Record<string, Record<string, number>>)[section][field]);
    };
    ctx.log(`${options.dryRun ? "previewing" : "scaling"} ${target.site} on stack ${state.stack}: ${Object.entries(changes).map(([p, c]) => `${p} ${c.from} -> ${c.to}`).join(", ")}`);
    const flip = await applyFlip(
        pathConfigStack(ctx.stack),
        {
            changes: Object.fromEntries(Object.entries(raises).map(([p, v]) => [key(p), String(v)])),
            previous: Object.fromEntries(Object.keys(raises).map((p) => [key(p), String(valueOf(p))])),
            dryRun: options.dryRun,
            message: `scale-standby ${target.site}: ${describe(raises)} (${options.reason})`,
            onOutput: ctx.onUpOutput,
            checkPreview: async (preview) => checkScalePreview(preview),
        },
        timer,
    );
    const restored = (errors: readonly string[]) => (errors.length > 0 ? `; WARNING: ${errors.join("; ")}` : "; config restored");
    const changed = (preview: PreviewReport) => preview.steps.filter((s) => s.op !== "same");
    switch (flip.kind) {
        case "succeeded":
            return result(ctx, timer, "succeeded", EXIT.OK, `${target.site} capacity on stack ${state.stack} is now ${describe(raises)}`, changes);
        case "dry-run":
            return result(ctx, timer, "dry-run", EXIT.OK, `dry run: the preview only adds ${target.site} capacity (${describe(raises)}); nothing changed${flip.restoreErrors.length ? restored(flip.restoreErrors) : ""}`, changes, changed(flip.preview));
        case "refused":
            return result(ctx, timer, "refused", EXIT.REFUSED, `refused: ${flip.refusal}${restored(flip.restoreErrors)}`, changes, changed(flip.preview));
        case "concurrent":
            return result(ctx, timer, "concurrent-update", EXIT.CONCURRENT_UPDATE, `${flip.error.message} (at ${flip.step})${restored(flip.restoreErrors)}`, changes);
        case "refresh-failed":
            return result(ctx, timer, "aborted", EXIT.FAILED, `aborted: could not refresh (${flip.error.message}); nothing changed`, changes);
        case "config-failed":
        case "preview-failed":
            return result(ctx, timer, "aborted", EXIT.FAILED, `aborted: ${flip.error.message}${restored(flip.restoreErrors)}`, changes);
        case "up-failed":
            return result(ctx, timer, "up-failed", EXIT.UP_FAILED, `the update failed: ${flip.error.message}. Config is left raised; re-run to converge`, changes);
    }
}

function describe(values: Record<string, number>): string {
    return Object.entries(values)
        .map(([path, value]) => `${path}=${value}`)
        .join(", ");
}

function result(ctx: DrContext, timer: StepTimer, outcome: ScaleOutcome, exitCode: ExitCode, message: string, changes: ScaleData["changes"], steps?: readonly PreviewStep[]): OperationResult<ScaleData> {
    const text = escapeControl(message);
    return {
        exitCode,
        message: text,
        data: { stack: ctx.stack.name, outcome, message: text, changes, durationsMs: { ...timer.durationsMs, total: timer.total() }, ...(steps ? { steps } : {}) },
    };
}
