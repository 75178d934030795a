import * as pulumi from "@pulumi/pulumi";

/**
 * Collects what is wrong with a component's args, each under its property path (`regions[1].capacity`), and
 * throws them the way the engine prints them: one InputPropertyError, or one InputPropertiesError for several.
 */
export class InputChecks {
    private readonly errors: pulumi.InputPropertyErrorDetails[] = [];

    constructor(private readonly component: string) {}

    /** Records `reason` against `propertyPath`, if a validator gave one. */
    check(propertyPath: string, reason: string | undefined): this {
        if (reason !== undefined) {
            this.errors.push({ propertyPath, reason });
        }
        return this;
    }

    /** Throws what was recorded; the error's `component` names the component, for a one-line report (offline/programErrors.ts). */
    throwIfAny(): void {
        if (this.errors.length === 1) {
            throw Object.assign(new pulumi.InputPropertyError(this.errors[0]), { component: this.component });
        }
        if (this.errors.length > 1) {
            throw new pulumi.InputPropertiesError({ message: `${this.component}: ${this.errors.length} invalid inputs`, errors: this.errors });
        }
    }
}
