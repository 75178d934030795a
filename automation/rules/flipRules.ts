import { approvalRule, approverPresentRule } from "./approval";
import { cooldownRule } from "./cooldown";
import { failbackWindowRule } from "./failbackWindowRule";
import type { FlipRule } from "./rule";
import { safePreviewRule } from "./safePreviewRule";
import { targetHealthRule } from "./targetHealth";

/**
 * Every flip's safety rules, evaluated in this order within each phase; the first refusal stops the flip.
 * A new rule is a `FlipRule` in its own file plus one entry here.
 */
export const FLIP_RULES: readonly FlipRule[] = [approverPresentRule, cooldownRule, targetHealthRule, failbackWindowRule, safePreviewRule, approvalRule];
