export * from "./watchMetrics";
