import { EnvError, parseEnv } from "./env";

// The environment is checked before the AWS SDK is loaded, so a bad setting fails fast.
try {
    const config = parseEnv(process.env);
    void import("./run").then(({ run }) => run(config));
} catch (err) {
    if (!(err instanceof EnvError)) {
        throw err;
    }
    process.stderr.write(`mcdr-agent: ${err.message}\n`);
    process.exit(2);
}
