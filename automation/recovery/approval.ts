import { ApprovalStep } from "./planTypes";

export interface ApprovalInput {
    readonly yes: boolean;
    /** A named approver (`--approver`, e.g. the CI run's approver). */
    readonly approver?: string;
    /** Who runs the tool (asked interactively when there is a terminal). */
    readonly operator: string;
    readonly interactive: boolean;
    readonly practice: boolean;
}

export type ApprovalDecision =
    | { readonly kind: "approved"; readonly by: string; readonly how: string }
    | { readonly kind: "ask"; readonly who: string }
    | { readonly kind: "refused"; readonly message: string };

/**
 * How an approval step is passed. A practice run approves itself, like a drill. A step naming its approvers
 * accepts only one of them: `--approver <name>`, or the operator at a terminal (`--yes` is not a name). Without
 * named approvers: `--approver`, `--yes`, or the operator at a terminal.
 */
export function decideApproval(step: ApprovalStep, input: ApprovalInput): ApprovalDecision {
    const named = step.approvers;
    if (input.practice) {
        return { kind: "approved", by: input.operator, how: "practice run: approved by the plan itself, as a drill approves its own flips" };
    }
    if (input.approver !== undefined) {
        if (named && !named.includes(input.approver)) {
            return { kind: "refused", message: `${input.approver} is not an approver of step "${step.name}" (approvers: ${named.join(", ")})` };
        }
        return { kind: "approved", by: input.approver, how: "--approver" };
    }
    if (named) {
        if (input.interactive && named.includes(input.operator)) {
            return { kind: "ask", who: input.operator };
        }
        return { kind: "refused", message: `step "${step.name}" needs one of its approvers (${named.join(", ")}): pass --approver <name>, or run it in a terminal as one of them` };
    }
    if (input.yes) {
        return { kind: "approved", by: input.operator, how: "--yes" };
    }
    if (input.interactive) {
        return { kind: "ask", who: input.operator };
    }
    return { kind: "refused", message: `step "${step.name}" needs approval: run it in a terminal to be asked, or pass --yes or --approver <name>` };
}
