import type { FlipRule } from "./rule";
import { checkSafePreview } from "./safePreview";
import { refuse } from "./verdict";

/** The preview only updates DNS records and published parameters in place (`checkSafePreview`). */
export const safePreviewRule: FlipRule = {
    name: "safe-preview",
    phase: "on-preview",
    refusalOutcome: "aborted",
    check: ({ preview }) => (preview ? checkSafePreview(preview) : refuse("safe-preview", "no preview to check")),
};
