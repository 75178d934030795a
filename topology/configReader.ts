import { ConfigError } from "./errors";

/** Looks up one raw config value by its key without the project namespace; structured values are JSON text. */
export type RawConfig = (key: string) => string | undefined;

export const PROJECT = "multicloud-dr";

/** Typed access to a structured config value, every failure a ConfigError that names the full key path. */
export class ConfigValue {
    constructor(
        public readonly path: string,
        public readonly value: unknown,
    ) {}

    static root(raw: RawConfig, key: string): ConfigValue {
        const text = raw(key);
        const path = `${PROJECT}:${key}`;
        if (text === undefined) {
            return new ConfigValue(path, undefined);
        }
        return new ConfigValue(path, parseJsonOrString(text));
    }

    get isSet(): boolean {
        return this.value !== undefined && this.value !== null;
    }

    fail(allowed: string): never {
        throw new ConfigError(this.path, this.value, allowed);
    }

    /** Fails with a validator's reason, if it gave one. */
    check(problem: string | undefined): void {
        if (problem !== undefined) {
            this.fail(problem);
        }
    }

    field(name: string): ConfigValue {
        const obj = this.object();
        return new ConfigValue(`${this.path}.${name}`, obj[name]);
    }

    object(): Record<string, unknown> {
        if (typeof this.value !== "object" || this.value === null || Array.isArray(this.value)) {
            this.fail("must be an object");
        }
        return this.value as Record<string, unknown>;
    }

    items(): ConfigValue[] {
        if (!Array.isArray(this.value)) {
            this.fail("must be a list");
        }
        return (this.value as unknown[]).map((v, i) => new ConfigValue(`${this.path}[${i}]`, v));
    }

    string(fallback?: string): string {
        if (!this.isSet && fallback !== undefined) {
            return fallback;
        }
        if (typeof this.value !== "string" || this.value.length === 0) {
            this.fail("must be a non-empty string");
        }
        return this.value as string;
    }

    optionalString(): string | undefined {
        return this.isSet ? this.string() : undefined;
    }

    oneOf<T extends string>(allowed: readonly T[], fallback?: T): T {
        const value = this.string(fallback);
        if (!(allowed as readonly string[]).includes(value)) {
            this.fail(`must be one of ${allowed.join(", ")}`);
        }
        return value as T;
    }

    integer(range: { min?: number; max?: number } = {}, fallback?: number): number {
        const value = !this.isSet && fallback !== undefined ? fallback : toNumber(this.value);
        if (value === undefined || !Number.isInteger(value)) {
            this.fail("must be an integer");
        }
        if (range.min !== undefined && value < range.min) {
            this.fail(`must be at least ${range.min}`);
        }
        if (range.max !== undefined && value > range.max) {
            this.fail(`must be at most ${range.max}`);
        }
        return value;
    }

    number(range: { min: number; max: number }, fallback?: number): number {
        const value = !this.isSet && fallback !== undefined ? fallback : toNumber(this.value);
        if (value === undefined || !Number.isFinite(value) || value < range.min || value > range.max) {
            this.fail(`must be a number from ${range.min} to ${range.max}`);
        }
        return value;
    }

    oneOfNumbers(allowed: readonly number[], fallback?: number): number {
        const value = this.integer({}, fallback);
        if (!allowed.includes(value)) {
            this.fail(`must be one of ${allowed.join(", ")}`);
        }
        return value;
    }

    boolean(fallback?: boolean): boolean {
        if (!this.isSet && fallback !== undefined) {
            return fallback;
        }
        if (this.value === true || this.value === "true") {
            return true;
        }
        if (this.value === false || this.value === "false") {
            return false;
        }
        this.fail("must be true or false");
    }

    stringList(options: { minItems?: number; unique?: boolean; fallback?: readonly string[] } = {}): string[] {
        if (!this.isSet && options.fallback !== undefined) {
            return [...options.fallback];
        }
        const values = this.items().map((item) => item.string());
        if (options.minItems !== undefined && values.length < options.minItems) {
            this.fail(`must list at least ${options.minItems}`);
        }
        if (options.unique) {
            const repeated = values.find((v, i) => values.indexOf(v) !== i);
            if (repeated !== undefined) {
                this.fail(`lists "${repeated}" more than once`);
            }
        }
        return values;
    }
}

function parseJsonOrString(text: string): unknown {
    const trimmed = text.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
            return JSON.parse(trimmed);
        } catch {
            return text;
        }
    }
    return text;
}

function toNumber(value: unknown): number | undefined {
    if (typeof value === "number") {
        return value;
    }
    if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) {
        return Number(value);
    }
    return undefined;
}
