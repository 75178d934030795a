import { StepTimer } from "./clock";
import { checkSafePreview } from "./rules/safePreview";
import { Verdict } from "./rules/verdict";
import { ConcurrentUpdateError, DrStack, PreviewReport, UpReport } from "./stackAdapter";

export interface FlipRequest {
    /** Config key -> the value the flip sets. */
    readonly changes: Readonly<Record<string, string>>;
    /** Config key -> its value before the flip (undefined: unset), for every key in `changes`. */
    readonly previous: Readonly<Record<string, string | undefined>>;
    /** Preview only; config is restored afterwards. */
    readonly dryRun: boolean;
    /** The update message (carries the audit entry). */
    readonly message: string;
    readonly onOutput?: (text: string) => void;
}

export type FlipResult =
    | { readonly kind: "succeeded"; readonly preview: PreviewReport; readonly safety: Verdict; readonly up: UpReport }
    | { readonly kind: "dry-run"; readonly preview: PreviewReport; readonly safety: Verdict; readonly restoreErrors: string[] }
    | { readonly kind: "unsafe"; readonly preview: PreviewReport; readonly safety: Verdict; readonly restoreErrors: string[] }
    | { readonly kind: "concurrent"; readonly step: "preview" | "up"; readonly error: ConcurrentUpdateError; readonly restoreErrors: string[] }
    | { readonly kind: "preview-failed"; readonly error: Error; readonly restoreErrors: string[] }
    | { readonly kind: "up-failed"; readonly preview: PreviewReport; readonly safety: Verdict; readonly error: Error };

/**
 * The flip as a declarative update: set the switch in config, preview, check the preview only updates
 * DNS records and published parameters in place, then `up`. Anything that stops it before `up` starts
 * restores the config it changed. A failed `up` leaves config at the target: re-running converges.
 */
export async function applyFlip(stack: DrStack, request: FlipRequest, timer: StepTimer): Promise<FlipResult> {
    await timer.time("setConfig", async () => {
        for (const [key, value] of Object.entries(request.changes)) {
            await stack.setConfig(key, value);
        }
    });
    const restore = () => timer.time("restoreConfig", () => restoreConfig(stack, request.previous));
    let preview: PreviewReport;
    try {
        preview = await timer.time("preview", () => stack.preview());
    } catch (err) {
        const restoreErrors = await restore();
        return err instanceof ConcurrentUpdateError
            ? { kind: "concurrent", step: "preview", error: err, restoreErrors }
            : { kind: "preview-failed", error: err as Error, restoreErrors };
    }
    const safety = checkSafePreview(preview);
    if (!safety.ok) {
        return { kind: "unsafe", preview, safety, restoreErrors: await restore() };
    }
    if (request.dryRun) {
        return { kind: "dry-run", preview, safety, restoreErrors: await restore() };
    }
    try {
        const up = await timer.time("up", () => stack.up(request.message, request.onOutput));
        return { kind: "succeeded", preview, safety, up };
    } catch (err) {
        if (err instanceof ConcurrentUpdateError) {
            // The update never started: the stack is as it was, so config goes back too.
            return { kind: "concurrent", step: "up", error: err, restoreErrors: await restore() };
        }
        return { kind: "up-failed", preview, safety, error: err as Error };
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
