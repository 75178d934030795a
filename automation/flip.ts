import { StepTimer } from "./clock";
import { ConcurrentUpdateError, PROJECT } from "../topology";
import { driftLines, refreshTargets, stackUrnOf, upTargets } from "./flipTargets";
import { DrStack, PreviewReport, UpReport } from "./stackAdapter";

export interface FlipRequest<R> {
    /** Config key -> the value the flip sets, written in this order. */
    readonly changes: Readonly<Record<string, string>>;
    /** Config key -> its value before the flip (undefined: unset), for every key in `changes`. */
    readonly previous: Readonly<Record<string, string | undefined>>;
    /** Preview only; config is restored afterwards. */
    readonly dryRun: boolean;
    /** The update message. */
    readonly message: string;
    readonly onOutput?: (text: string) => void;
    /** Judges the preview right before `up` (safety, approval): a refusal restores config and stops the flip. */
    readonly checkPreview: (preview: PreviewReport) => Promise<R | undefined>;
    /** Told the drift lines as soon as the refresh has found them. */
    readonly onDrift?: (lines: readonly string[]) => void;
}

/** Every result carries the drift its refresh found (one line per resource and property; empty: none, or no refresh). */
export type FlipResult<R> = FlipOutcomeOf<R> & { readonly drift: readonly string[] };

type FlipOutcomeOf<R> =
    | { readonly kind: "succeeded"; readonly preview: PreviewReport; readonly up: UpReport }
    | { readonly kind: "dry-run"; readonly preview: PreviewReport; readonly restoreErrors: string[] }
    | { readonly kind: "refused"; readonly preview: PreviewReport; readonly refusal: R; readonly restoreErrors: string[] }
    | { readonly kind: "concurrent"; readonly step: "refresh" | "setConfig" | "preview" | "up"; readonly error: ConcurrentUpdateError; readonly restoreErrors: string[] }
    | { readonly kind: "refresh-failed"; readonly error: Error; readonly restoreErrors: string[] }
    | { readonly kind: "config-failed"; readonly error: Error; readonly restoreErrors: string[] }
    | { readonly kind: "preview-failed"; readonly error: Error; readonly restoreErrors: string[] }
    | { readonly kind: "up-failed"; readonly preview: PreviewReport; readonly error: Error };

/**
 * The flip as a declarative update: refresh what a flip touches (hand edits become drift, reported, and the
 * preview starts from the real state), set the switch in config, preview, judge the preview, then `up`
 * targeted at what the preview showed changing. A dry run refreshes in preview mode: nothing changes state.
 * Anything that stops it before `up` starts (a failed config write included) restores exactly the config
 * keys it wrote. A failed `up` leaves config at the target: re-running converges.
 */
export async function applyFlip<R>(stack: DrStack, request: FlipRequest<R>, timer: StepTimer): Promise<FlipResult<R>> {
    let refreshed: { readonly drift: string[]; readonly stackUrn: string };
    try {
        refreshed = await timer.time("refresh", async () => {
            const resources = await stack.resources();
            const targets = refreshTargets(resources);
            // No target would mean no `--target`: a refresh of the whole stack. Nothing in state: nothing to refresh.
            const report = targets.length > 0 ? await stack.refresh(targets, request.dryRun) : { drifted: [] };
            return { drift: driftLines(report.drifted), stackUrn: stackUrnOf(resources, stack.name, PROJECT) };
        });
    } catch (err) {
        return err instanceof ConcurrentUpdateError
            ? { kind: "concurrent", step: "refresh", error: err, restoreErrors: [], drift: [] }
            : { kind: "refresh-failed", error: err as Error, restoreErrors: [], drift: [] };
    }
    request.onDrift?.(refreshed.drift);
    const outcome = await flipAfterRefresh(stack, request, timer, refreshed.stackUrn);
    return { ...outcome, drift: refreshed.drift };
}

async function flipAfterRefresh<R>(stack: DrStack, request: FlipRequest<R>, timer: StepTimer, stackUrn: string): Promise<FlipOutcomeOf<R>> {
    const written: Record<string, string | undefined> = {};
    const restore = () => timer.time("restoreConfig", () => restoreConfig(stack, written));
    try {
        await timer.time("setConfig", async () => {
            for (const [key, value] of Object.entries(request.changes)) {
                await stack.setConfig(key, value);
                written[key] = request.previous[key];
            }
        });
    } catch (err) {
        const restoreErrors = await restore();
        return err instanceof ConcurrentUpdateError ? { kind: "concurrent", step: "setConfig", error: err, restoreErrors } : { kind: "config-failed", error: err as Error, restoreErrors };
    }
    let preview: PreviewReport;
    try {
        preview = await timer.time("preview", () => stack.preview());
    } catch (err) {
        const restoreErrors = await restore();
        return err instanceof ConcurrentUpdateError
            ? { kind: "concurrent", step: "preview", error: err, restoreErrors }
            : { kind: "preview-failed", error: err as Error, restoreErrors };
    }
    const refusal = await request.checkPreview(preview);
    if (refusal !== undefined) {
        return { kind: "refused", preview, refusal, restoreErrors: await restore() };
    }
    if (request.dryRun) {
        return { kind: "dry-run", preview, restoreErrors: await restore() };
    }
    try {
        const up = await timer.time("up", () => stack.up(request.message, request.onOutput, upTargets(preview, stackUrn)));
        return { kind: "succeeded", preview, up };
    } catch (err) {
        if (err instanceof ConcurrentUpdateError) {
            // The update never started: the stack is as it was, so config goes back too.
            return { kind: "concurrent", step: "up", error: err, restoreErrors: await restore() };
        }
        return { kind: "up-failed", preview, error: err as Error };
    }
}

/** Puts every key back; returns one line per key it could not restore, saying how to do it by hand. */
export async function restoreConfig(stack: DrStack, previous: Readonly<Record<string, string | undefined>>): Promise<string[]> {
    const errors: string[] = [];
    for (const [key, value] of Object.entries(previous)) {
        try {
            if (value === undefined) {
                await stack.removeConfig(key);
            } else {
                await stack.setConfig(key, value);
            }
        } catch (err) {
            const fix = value === undefined ? `pulumi config rm ${key}` : `pulumi config set ${key} '${value}'`;
            errors.push(`could not restore ${key} (${(err as Error).message}); run: ${fix} --stack ${stack.name}`);
        }
    }
    return errors;
}
