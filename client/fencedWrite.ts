/**
 * Fenced writes for applications: a write carries the epoch the application last read from the published
 * active-site value, and DynamoDB refuses it when the item already holds a newer epoch. So a write from an app
 * that has not yet seen a switch of the write region can never overwrite an item written after it. Depends on
 * `@aws-sdk/client-dynamodb` and Node only; the protocol (README, "Fenced writes") is small enough to follow in
 * any language.
 *
 * The condition, in DynamoDB's condition-expression grammar (Developer Guide, "Condition and filter expressions,
 * operators, and functions": `function | condition OR condition | operand comparator operand`, with
 * `attribute_not_exists (path)` and `<=` on numbers): `attribute_not_exists(#e) OR #e <= :e`. A failed condition
 * is `ConditionalCheckFailedException` (API Reference, PutItem/UpdateItem, "Errors"). In eventual mode the check
 * runs against the region the write goes to, which is why writes go to the published write region only.
 */
import * as fs from "node:fs/promises";
import {
    AttributeValue,
    ConditionalCheckFailedException,
    DynamoDBClient,
    PutItemCommand,
    PutItemCommandInput,
    UpdateItemCommand,
    UpdateItemCommandInput,
} from "@aws-sdk/client-dynamodb";

/** The attribute every fenced item carries. */
export const EPOCH_ATTRIBUTE = "epoch";

const NAME = "#mcdrEpoch";
const VALUE = ":mcdrEpoch";

/** What the program publishes (SSM parameter `/multicloud-dr/<stack>/active-site`, the site agent's `/active-site` and file). */
export interface Published {
    readonly writeRegion: string;
    readonly epoch: number;
}

/** A write refused because the item holds a newer epoch: this app's view of the write region is stale. */
export class StaleEpochError extends Error {
    constructor(
        readonly epoch: number,
        readonly itemEpoch: number | undefined,
    ) {
        super(`stale epoch ${epoch}: the item was written at epoch ${itemEpoch ?? "(newer)"}; re-read the published write region and epoch`);
        this.name = "StaleEpochError";
    }
}

/** Parses the published value (the parameter's JSON, or the site agent's `/active-site` answer or file). */
export function parsePublished(text: string): Published {
    const value = JSON.parse(text) as { writeRegion?: unknown; epoch?: unknown; ok?: unknown };
    if (value.ok === false) {
        throw new Error("the published value is not usable (the site agent says ok: false)");
    }
    if (typeof value.writeRegion !== "string") {
        throw new Error("the published value has no writeRegion");
    }
    const epoch = value.epoch ?? 0;
    if (typeof epoch !== "number" || !Number.isSafeInteger(epoch) || epoch < 0) {
        throw new Error("the published epoch must be a non-negative integer");
    }
    return { writeRegion: value.writeRegion, epoch };
}

/** Reads the site agent's active-site file (`MCDR_ACTIVE_SITE_FILE`). */
export async function readPublishedFile(file: string): Promise<Published> {
    return parsePublished(await fs.readFile(file, "utf8"));
}

/** The fence condition, ANDed with the caller's own condition if any. */
export function fencedCondition(epoch: number, own?: Pick<PutItemCommandInput, "ConditionExpression" | "ExpressionAttributeNames" | "ExpressionAttributeValues">) {
    const fence = `attribute_not_exists(${NAME}) OR ${NAME} <= ${VALUE}`;
    return {
        ConditionExpression: own?.ConditionExpression ? `(${own.ConditionExpression}) AND (${fence})` : fence,
        ExpressionAttributeNames: { ...own?.ExpressionAttributeNames, [NAME]: EPOCH_ATTRIBUTE },
        ExpressionAttributeValues: { ...own?.ExpressionAttributeValues, [VALUE]: { N: String(epoch) } as AttributeValue },
    };
}

/** PutItem stamped with `epoch`; throws StaleEpochError when the item holds a newer epoch. */
export async function fencedPut(client: DynamoDBClient, input: PutItemCommandInput, epoch: number): Promise<void> {
    try {
        await client.send(
            new PutItemCommand({
                ...input,
                Item: { ...input.Item, [EPOCH_ATTRIBUTE]: { N: String(epoch) } },
                ...fencedCondition(epoch, input),
                ReturnValuesOnConditionCheckFailure: "ALL_OLD",
            }),
        );
    } catch (err) {
        throw staleOr(err, epoch, input.ConditionExpression !== undefined);
    }
}

/** UpdateItem that also sets `epoch`; `UpdateExpression` must be given. Throws StaleEpochError like `fencedPut`. */
export async function fencedUpdate(client: DynamoDBClient, input: UpdateItemCommandInput & { UpdateExpression: string }, epoch: number): Promise<void> {
    const set = `${NAME} = ${VALUE}`;
    const expression = /\bSET\b/i.test(input.UpdateExpression) ? input.UpdateExpression.replace(/\bSET\b/i, `SET ${set},`) : `SET ${set} ${input.UpdateExpression}`;
    try {
        await client.send(new UpdateItemCommand({ ...input, UpdateExpression: expression, ...fencedCondition(epoch, input), ReturnValuesOnConditionCheckFailure: "ALL_OLD" }));
    } catch (err) {
        throw staleOr(err, epoch, input.ConditionExpression !== undefined);
    }
}

/**
 * A refused condition is stale only when the item's epoch is newer; otherwise it was the caller's own condition
 * and the SDK's error is passed on. DynamoDB returns the old item with `ReturnValuesOnConditionCheckFailure:
 * ALL_OLD` (API Reference, PutItem/UpdateItem); an emulator that ignores it gives none: then, without a condition
 * of the caller's, only the fence can have failed.
 */
function staleOr(err: unknown, epoch: number, ownCondition: boolean): unknown {
    if (!(err instanceof ConditionalCheckFailedException) && (err as Error)?.name !== "ConditionalCheckFailedException") {
        return err;
    }
    const item = (err as ConditionalCheckFailedException).Item;
    if (item === undefined) {
        return ownCondition ? err : new StaleEpochError(epoch, undefined);
    }
    const old = item[EPOCH_ATTRIBUTE]?.N;
    return old !== undefined && Number(old) > epoch ? new StaleEpochError(epoch, Number(old)) : err;
}
