/** Rows per page of the customer page's wallet statement: the page prefetches the same input the card asks for. */
export const WALLET_PAGE_SIZE = 10;
