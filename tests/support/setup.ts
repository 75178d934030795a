// Loaded by mocha after ts-node (see .mocharc.json).
import { useUnmappedStackTraces } from "../../offline/stackTraces";

useUnmappedStackTraces();
