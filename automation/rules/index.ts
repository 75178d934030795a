export * from "./verdict";
export * from "./flipState";
export * from "./cooldown";
export * from "./targetHealth";
export * from "./failbackWindow";
export * from "./safePreview";
