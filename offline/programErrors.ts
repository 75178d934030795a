import * as pulumi from "@pulumi/pulumi";
import { DrError, ProgramError } from "../topology";

/** How long a failed evaluation waits for the registrations still in flight, so none fails into the next one. */
const DRAIN_MS = 2000;

/**
 * One line for an error the program ended with: the component and input a component refused (InputChecks puts
 * the component's name on the error), else the first line of the message.
 */
export function describeProgramError(err: unknown): string {
    const named = (err as { component?: unknown } | null)?.component;
    const component = typeof named === "string" ? `${named}: ` : "";
    if (pulumi.InputPropertyError.isInstance(err)) {
        return `${component}${err.propertyPath} ${err.reason}`;
    }
    if (pulumi.InputPropertiesError.isInstance(err)) {
        return `${err.message}: ${err.errors.map((e) => `${e.propertyPath} ${e.reason}`).join("; ")}`;
    }
    const message = err instanceof Error ? err.message : String(err);
    return message.split("\n").map((line) => line.trim()).find(Boolean) ?? "(no message)";
}

/**
 * Runs one evaluation of the program. Whatever ends it (a throw, a rejected stack output, or a rejection nobody
 * handles, which is how a failed Output in a resource's inputs surfaces, leaving its outputs pending forever)
 * becomes one ProgramError. Errors the project already reports (a ConfigError) pass through.
 */
export async function asProgramErrors<T>(evaluate: () => Promise<T>, drain: () => Promise<void>): Promise<T> {
    let fail: (reason: unknown) => void = () => undefined;
    const failed = new Promise<never>((_, reject) => {
        fail = reject;
    });
    const listener = (reason: unknown) => fail(reason);
    process.on("unhandledRejection", listener);
    try {
        return await Promise.race([evaluate(), failed]);
    } catch (err) {
        await Promise.race([drain().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, DRAIN_MS).unref())]);
        throw err instanceof DrError ? err : new ProgramError(describeProgramError(err));
    } finally {
        process.off("unhandledRejection", listener);
    }
}
