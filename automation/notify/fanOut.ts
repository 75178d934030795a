import { DrNotification, Notifier } from "./types";

/** One notifier that tells every given one, at once; undefined when there is none. Each notifier never throws, but one that does cannot stop the others. */
export function fanOut(notifiers: ReadonlyArray<Notifier | undefined>): Notifier | undefined {
    const present = notifiers.filter((n): n is Notifier => n !== undefined);
    if (present.length === 0) {
        return undefined;
    }
    return async (notification: DrNotification) => {
        await Promise.all(present.map((notify) => notify(notification).catch(() => undefined)));
    };
}

/** A notifier that is not told about some kinds (e.g. `ready`, which only closes a page: no news for a chat channel). */
export function except(notifier: Notifier | undefined, kinds: ReadonlyArray<DrNotification["kind"]>): Notifier | undefined {
    return notifier && (async (notification) => (kinds.includes(notification.kind) ? undefined : notifier(notification)));
}
