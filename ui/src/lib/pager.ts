// Page cache behind the virtual member list: rows are fetched from the shell
// a page at a time by offset and limit, kept while the query stays the same,
// and dropped when it changes. Answers to an older query are ignored.

/** One page of a query's result. */
export interface Page<Row> {
  total: number;
  rows: Row[];
}

/** Fetches `limit` rows starting at `offset`. */
export type FetchPage<Row> = (offset: number, limit: number) => Promise<Page<Row>>;

export class Pager<Row> {
  readonly pageSize: number;
  #fetch: FetchPage<Row>;
  #pages = new Map<number, Row[]>();
  #pending = new Map<number, Promise<void>>();
  #generation = 0;
  total = 0;

  constructor(fetch: FetchPage<Row>, pageSize = 200) {
    this.#fetch = fetch;
    this.pageSize = pageSize;
  }

  /** Forgets every page, for a new query; later answers to the old one are dropped. */
  reset(fetch: FetchPage<Row>): void {
    this.#fetch = fetch;
    this.#pages.clear();
    this.#pending.clear();
    this.#generation += 1;
    this.total = 0;
  }

  /** The row at `index`, or undefined while its page is not loaded. */
  row(index: number): Row | undefined {
    return this.#pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Loads every page that holds a row in [first, last]; resolves to
   * whether anything new arrived for the current query. */
  async ensure(first: number, last: number): Promise<boolean> {
    const from = Math.max(0, Math.floor(first / this.pageSize));
    const to = Math.max(from, Math.floor(Math.max(first, last) / this.pageSize));
    const loads: Promise<void>[] = [];
    for (let page = from; page <= to; page += 1) {
      if (!this.#pages.has(page)) loads.push(this.#load(page));
    }
    if (loads.length === 0) return false;
    const generation = this.#generation;
    await Promise.all(loads);
    return generation === this.#generation;
  }

  #load(page: number): Promise<void> {
    const existing = this.#pending.get(page);
    if (existing) return existing;
    const generation = this.#generation;
    const load = this.#fetch(page * this.pageSize, this.pageSize)
      .then((result) => {
        if (generation !== this.#generation) return;
        this.#pages.set(page, result.rows);
        this.total = result.total;
      })
      .finally(() => {
        if (generation === this.#generation) this.#pending.delete(page);
      });
    this.#pending.set(page, load);
    return load;
  }
}
