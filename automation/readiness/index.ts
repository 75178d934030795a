export * from "./check";
export * from "./checks";
export * from "./linodeApi";
export * from "./nameServers";
export * from "./readiness";
