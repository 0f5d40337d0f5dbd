import { createId } from "@paralleldrive/cuid2";

/** Opaque, unguessable string id for rows and URLs. */
export const newId = (): string => createId();
