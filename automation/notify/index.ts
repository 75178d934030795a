export * from "./types";
export * from "./slack";
export * from "./webhook";
export * from "./flipNotification";
export * from "./pagerduty";
export * from "./fanOut";
