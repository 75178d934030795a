import { approvalRule, approverPresentRule } from "./approval";
import { cooldownRule } from "./cooldown";
import { failbackWindowRule } from "./failbackWindowRule";
import { fenceRule } from "./fenceRule";
import type { FlipRule } from "./rule";
import { safePreviewRule } from "./safePreviewRule";
import { targetHealthRule } from "./targetHealth";

/**
 * Every flip's safety rules, evaluated in this order within each phase; the first refusal stops the flip.
 * A new rule is a `FlipRule` in its own file plus one entry here. The fence comes after approval: it is the last
 * thing before `up`, so the new write region is published right after its fence arrived.
 */
export const FLIP_RULES: readonly FlipRule[] = [approverPresentRule, cooldownRule, targetHealthRule, failbackWindowRule, safePreviewRule, approvalRule, fenceRule];
