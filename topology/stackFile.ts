import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT, RawConfig } from "./configReader";
import { StackFileError } from "./errors";

/** A stack file's config as the Pulumi engine hands it to a program: namespaced keys, structured values as JSON. */
export interface StackConfig {
    readonly stack: string;
    /** `namespace:key` -> value; structured values as JSON text. */
    readonly values: Record<string, string>;
    /** Keys whose values are `secure:` ciphertext. Their values here are the ciphertext, never decrypted. */
    readonly secretKeys: string[];
}

export const PROJECT_ROOT = path.resolve(__dirname, "..");

export function stackFilePath(stack: string, root = PROJECT_ROOT): string {
    return path.join(root, `Pulumi.${stack}.yaml`);
}

/** Stacks with a file in the project directory. */
export function knownStacks(root = PROJECT_ROOT): string[] {
    return fs
        .readdirSync(root)
        .map((f) => /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export function readStackConfig(stack: string, root = PROJECT_ROOT): StackConfig {
    if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(stackFilePath(stack, root))) {
        throw new StackFileError(`unknown stack "${stack}": no Pulumi.${stack}.yaml (known: ${knownStacks(root).join(", ") || "none"})`);
    }
    let doc: any;
    try {
        doc = YAML.parse(fs.readFileSync(stackFilePath(stack, root), "utf8")) ?? {};
    } catch (err) {
        throw new StackFileError(`Pulumi.${stack}.yaml is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
    }
    const config = doc.config ?? {};
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new StackFileError(`Pulumi.${stack}.yaml: "config" must be a map`);
    }
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [rawKey, value] of Object.entries(config)) {
        const key = rawKey.includes(":") ? rawKey : `${PROJECT}:${rawKey}`;
        if (isSecure(value)) {
            secretKeys.push(key);
            values[key] = (value as { secure: string }).secure;
        } else {
            values[key] = typeof value === "string" ? value : JSON.stringify(value);
        }
    }
    return { stack, values, secretKeys };
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/** Project-namespaced lookup over a flat map of config values. */
export function rawConfigOf(values: Record<string, string>): RawConfig {
    return (key) => values[`${PROJECT}:${key}`];
}

/**
 * Applies `key=value` overrides; a key without a namespace belongs to the project, and a dotted key
 * (`dns.ttl`) sets one field of a structured value, as `pulumi config set --path` does.
 */
export function withOverrides(values: Record<string, string>, overrides: Record<string, string>): Record<string, string> {
    const result = { ...values };
    for (const [rawKey, value] of Object.entries(overrides)) {
        const namespaced = rawKey.includes(":") ? rawKey : `${PROJECT}:${rawKey}`;
        const [namespace, keyPath] = [namespaced.slice(0, namespaced.indexOf(":")), namespaced.slice(namespaced.indexOf(":") + 1)];
        const [root, ...fields] = keyPath.split(".");
        const rootKey = `${namespace}:${root}`;
        if (fields.length === 0) {
            result[rootKey] = value;
            continue;
        }
        let doc: any;
        try {
            doc = result[rootKey] === undefined ? {} : JSON.parse(result[rootKey]);
        } catch {
            throw new StackFileError(`cannot set "${rawKey}": "${rootKey}" is not a structured value`);
        }
        let node = doc;
        for (const field of fields.slice(0, -1)) {
            if (typeof node[field] !== "object" || node[field] === null) {
                node[field] = {};
            }
            node = node[field];
        }
        node[fields[fields.length - 1]] = parseScalar(value);
        result[rootKey] = JSON.stringify(doc);
    }
    return result;
}

function parseScalar(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}
