import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";

/** Asserts that `run` rejects with one InputPropertyError for `propertyPath` whose reason matches. */
export async function rejectsInput(run: Promise<unknown>, propertyPath: string, reason: RegExp): Promise<void> {
    await assert.rejects(run, (err: unknown) => {
        assert.ok(pulumi.InputPropertyError.isInstance(err), `expected an InputPropertyError, got ${err}`);
        assert.strictEqual(err.propertyPath, propertyPath);
        assert.match(err.reason, reason);
        return true;
    });
}

/** Asserts that `run` rejects with one InputPropertiesError naming exactly these property paths. */
export async function rejectsInputs(run: Promise<unknown>, propertyPaths: readonly string[]): Promise<void> {
    await assert.rejects(run, (err: unknown) => {
        assert.ok(pulumi.InputPropertiesError.isInstance(err), `expected an InputPropertiesError, got ${err}`);
        assert.deepStrictEqual(err.errors.map((e) => e.propertyPath).sort(), [...propertyPaths].sort());
        return true;
    });
}
