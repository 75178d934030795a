import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import Ajv, { ErrorObject } from "ajv";
import * as YAML from "yaml";
import { BadInputError, parseDrConfig, PROJECT_ROOT, rawConfigOf, readStackConfig } from "../../topology";
import { RecoveryPlan } from "./planTypes";

export const PLAN_SCHEMA_PATH = path.join(PROJECT_ROOT, "schemas", "recovery-plan.schema.json");

export interface LoadedPlan {
    readonly plan: RecoveryPlan;
    readonly file: string;
    /** sha256 of the file's bytes: a rerun resumes only the plan it started. */
    readonly digest: string;
}

let validator: ReturnType<Ajv["compile"]> | undefined;

function validate(data: unknown): ErrorObject[] {
    if (!validator) {
        validator = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(PLAN_SCHEMA_PATH, "utf8")));
    }
    return validator(data) ? [] : [...(validator.errors ?? [])];
}

/** Reads, parses and validates a plan file; any problem is one BadInputError line naming the file and the path. */
export function loadPlanFile(file: string): LoadedPlan {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new BadInputError(`recovery plan ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
    const doc = YAML.parseDocument(text);
    const [problem] = doc.errors;
    if (problem) {
        throw new BadInputError(`recovery plan ${file}: not valid YAML: ${problem.message.split("\n")[0]}`);
    }
    const plan = parsePlan(doc.toJS(), file);
    return { plan, file, digest: crypto.createHash("sha256").update(text).digest("hex") };
}

/** Validates plain data against the schema, then the rules a schema cannot say (names unique, stacks known). */
export function parsePlan(data: unknown, source = "the plan"): RecoveryPlan {
    const errors = validate(data);
    if (errors.length > 0) {
        throw new BadInputError(`recovery plan ${source}: ${describeError(pickError(errors))}`);
    }
    const plan = data as RecoveryPlan;
    const problem = planProblem(plan);
    if (problem) {
        throw new BadInputError(`recovery plan ${source}: ${problem}`);
    }
    return plan;
}

/** The most specific error: the deepest path, and never the `if`/`oneOf` wrappers ajv adds around the real one. */
function pickError(errors: readonly ErrorObject[]): ErrorObject {
    const real = errors.filter((e) => e.keyword !== "if" && !(e.keyword === "oneOf" && errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== "oneOf" && o.keyword !== "required")));
    const pool = real.length > 0 ? real : [...errors];
    return pool.reduce((best, e) => (e.instancePath.split("/").length > best.instancePath.split("/").length ? e : best));
}

/** `/steps/2/kind` -> `steps[2].kind`. */
export function jsonPathOf(instancePath: string): string {
    const parts = instancePath.split("/").slice(1);
    return parts.reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), "") || "(top level)";
}

function describeError(error: ErrorObject): string {
    const where = jsonPathOf(error.instancePath);
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
        case "additionalProperties":
            return `${where}: unknown field "${params.additionalProperty}"`;
        case "required":
            return `${where}: missing field "${params.missingProperty}"`;
        case "enum":
            return `${where}: must be one of ${(params.allowedValues as unknown[]).join(", ")}`;
        case "const":
            return `${where}: must be ${JSON.stringify(params.allowedValue)}`;
        case "oneOf":
            return `${where}: give exactly one of activeSite or linodeActiveRegion`;
        default:
            return `${where}: ${error.message}`;
    }
}

function planProblem(plan: RecoveryPlan): string | undefined {
    const duplicate = (names: readonly string[]) => names.find((n, i) => names.indexOf(n) !== i);
    const stackNames = plan.stacks.map((s) => s.name);
    const twiceStack = duplicate(stackNames);
    if (twiceStack) {
        return `stacks: "${twiceStack}" is listed twice`;
    }
    const twiceStep = duplicate(plan.steps.map((s) => s.name));
    if (twiceStep) {
        return `steps: two steps are named "${twiceStep}"`;
    }
    for (const [i, step] of plan.steps.entries()) {
        const unknown = "stacks" in step ? step.stacks?.find((s) => !stackNames.includes(s)) : undefined;
        if (unknown) {
            return `steps[${i}].stacks: "${unknown}" is not one of the plan's stacks (${stackNames.join(", ")})`;
        }
        if (step.kind === "scale-standby") {
            const capacity = step.site === "linode" ? step.linode : step.gcp;
            if (!capacity) {
                return `steps[${i}]: a scale-standby step for site ${step.site} needs its "${step.site}" capacity`;
            }
            if ((step.site === "linode" && step.gcp) || (step.site === "gcp" && step.linode)) {
                return `steps[${i}]: a scale-standby step scales only the site about to take traffic (${step.site})`;
            }
        }
    }
    return undefined;
}

/** The plan's default recovery-time target: the largest `failover.rtoTargetSeconds` of its stacks' files (300 s, the config default, when none can be read). */
export function defaultRtoTargetSeconds(stacks: readonly string[]): number {
    const targets = stacks.flatMap((stack) => {
        try {
            return [parseDrConfig(rawConfigOf(readStackConfig(stack).values)).failover.rtoTargetSeconds];
        } catch {
            return [];
        }
    });
    return targets.length > 0 ? Math.max(...targets) : DEFAULT_RTO_TARGET_SECONDS;
}

export const DEFAULT_RTO_TARGET_SECONDS = 300;
