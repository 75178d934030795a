/** One bad config value: names the key, the value and what is allowed. */
export class ConfigError extends Error {
    constructor(
        public readonly key: string,
        public readonly value: unknown,
        public readonly allowed: string,
    ) {
        super(`config "${key}" = ${describe(value)}: ${allowed}`);
        this.name = "ConfigError";
    }
}

function describe(value: unknown): string {
    if (value === undefined) {
        return "(not set)";
    }
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
