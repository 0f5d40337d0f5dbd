/** The catalogue page's one query, the same on the server (prefetch) and in the browser. */
export const TOP_UP_OPTIONS_INPUT = { page: 1, pageSize: 25, includeArchived: true };
