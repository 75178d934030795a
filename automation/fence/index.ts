export * from "./dataMove";
export * from "./fence";
export * from "./markers";
export * from "./regionalTable";
export * from "./visibility";
