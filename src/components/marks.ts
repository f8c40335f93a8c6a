// User Timing marks the app leaves for measuring (scripts/bench reads them): each at the moment
// the page shows what it names, so a benchmark needs neither to poll the page nor to walk its DOM.

/** A code cell shows a finished run (its execution count); `detail` is `{ cellId, count }`. */
export const CELL_OUTPUT_MARK = 'retort:cell-output';

/** The catalog's search box is on the page. */
export const CATALOG_READY_MARK = 'retort:catalog-ready';
