export interface CheckResult {
    readonly ok: boolean;
    /** What was checked, or why it failed. */
    readonly detail: string;
    readonly ms?: number;
}

/** The three conditions of the health path, in the order they are reported. */
export interface HealthChecks {
    readonly app: CheckResult;
    readonly parameter: CheckResult & { readonly stale?: boolean; readonly ageMs?: number };
    readonly canary: CheckResult;
}

export interface HttpAnswer {
    readonly status: number;
    readonly contentType: string;
    readonly body: string;
}

/** 200 with exactly the expected body when every check passed; otherwise 503 naming the failed checks. */
export function healthVerdict(checks: HealthChecks, expectedBody: string): HttpAnswer {
    const failed = (Object.entries(checks) as Array<[keyof HealthChecks, CheckResult]>).filter(([, check]) => !check.ok);
    if (failed.length === 0) {
        return { status: 200, contentType: "text/plain; charset=utf-8", body: expectedBody };
    }
    const reason = failed.map(([name, check]) => `${name}: ${check.detail}`).join("; ");
    return json(503, { ok: false, reason, checks });
}

export function json(status: number, body: unknown): HttpAnswer {
    return { status, contentType: "application/json", body: JSON.stringify(body) };
}
