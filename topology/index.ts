export * from "./sites";
export * from "./platformLimits";
export * from "./configError";
export * from "./configReader";
export * from "./config";
export * from "./failover";
export * from "./secrets";
export * from "./stackFile";
