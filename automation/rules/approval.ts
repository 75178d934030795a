import { escapeControl } from "../terminalText";
import type { FlipFacts, FlipRule } from "./rule";
import { pass, refuse } from "./verdict";

const needsApproval = (flip: FlipFacts) => !flip.dryRun;

/** Nobody to ask and no --yes: refused at once, before probing or sampling for minutes. */
export const approverPresentRule: FlipRule = {
    name: "approver-present",
    phase: "before-preview",
    appliesTo: needsApproval,
    check: ({ yes, ctx, action }) =>
        yes || ctx.confirm
            ? pass("approver-present", yes ? "--yes given" : "an operator at a terminal will be asked after the preview")
            : refuse("approver-present", `${action} needs approval: run it in a terminal to be asked, or pass --yes`),
};

/** The last rule: the operator approves, having seen the health evidence and what the preview changes. */
export const approvalRule: FlipRule = {
    name: "approval",
    phase: "on-preview",
    appliesTo: needsApproval,
    check: async (flip) => {
        if (flip.yes) {
            return pass("approval", "approved with --yes");
        }
        if (!flip.ctx.confirm) {
            return refuse("approval", `${flip.action} needs approval: run it in a terminal to be asked, or pass --yes`);
        }
        const yes = await flip.ctx.confirm(approvalQuestion(flip).split("\n").map(escapeControl).join("\n"));
        return yes ? pass("approval", "approved interactively") : refuse("approval", "not approved by the operator");
    },
};

export function approvalQuestion(flip: FlipFacts): string {
    const changes = (flip.preview?.steps ?? []).filter((s) => s.op !== "same" && s.op !== "read" && s.type !== "pulumi:pulumi:Stack");
    return [
        `${flip.action} on stack ${flip.state.stack}: ${flip.switchKey} ${flip.from} -> ${flip.target}${flip.where === "undo" ? " (undoes the failed flip)" : ""}.`,
        ...flip.verdicts.map((v) => `  ${v.rule}: ${v.message}`),
        `  the update will ${changes.length === 0 ? "change no resource" : `${changes.map((s) => `${s.op} ${s.type} ${s.urn.split("::").pop()}`).join(", ")}`}`,
        "Proceed?",
    ].join("\n");
}
