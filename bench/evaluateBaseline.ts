// Child process for the plan-time baseline: the same start-up as the plan (bin/register.js, Pulumi's mock runtime, the
// provider modules) and one evaluation of a program that registers nothing.
import * as path from "path";
import { evaluateProgram } from "../offline";

evaluateProgram({ config: {}, secretKeys: [], stack: "baseline", program: path.join(__dirname, "baselineProgram") }).then(
    (evaluation) => {
        if (evaluation.resources.length !== 0) {
            throw new Error("the baseline must register nothing");
        }
    },
    (err) => {
        console.error(err);
        process.exitCode = 1;
    },
);
