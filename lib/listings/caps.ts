// Counts on the Listings page stop past this (shown as "10,000+"): an exact count of a big
// catalog costs a scan of it. Apart from list.ts so client components can import it.
export const COUNT_CAP = 10_000;
