import { describe, expect, it } from "vitest";
import { Pager, type Page } from "./pager";

function numbers(total: number, calls: number[][]) {
  return async (offset: number, limit: number): Promise<Page<number>> => {
    calls.push([offset, limit]);
    const rows = [];
    for (let i = offset; i < Math.min(total, offset + limit); i += 1) rows.push(i);
    return { total, rows };
  };
}

describe("Pager", () => {
  it("fetches only the pages that hold the requested rows", async () => {
    const calls: number[][] = [];
    const pager = new Pager(numbers(50_000, calls), 100);

    await pager.ensure(250, 320);

    expect(calls, "pages 2 and 3").toEqual([
      [200, 100],
      [300, 100],
    ]);
    expect(pager.row(250), "row 250 loaded").toBe(250);
    expect(pager.row(99), "row 99 not loaded").toBeUndefined();
    expect(pager.total, "total from the answer").toBe(50_000);
  });

  it("does not fetch a loaded page again", async () => {
    const calls: number[][] = [];
    const pager = new Pager(numbers(1_000, calls), 100);

    await pager.ensure(0, 50);
    await pager.ensure(10, 90);

    expect(calls.length, "one fetch").toBe(1);
  });

  it("drops an answer to a query that was replaced", async () => {
    let release: (page: Page<string>) => void = () => {};
    const slow = () => new Promise<Page<string>>((resolve) => (release = resolve));
    const pager = new Pager<string>(slow, 10);

    const stale = pager.ensure(0, 5);
    pager.reset(async () => ({ total: 1, rows: ["new"] }));
    release({ total: 99, rows: ["old"] });
    const applied = await stale;

    expect(applied, "the stale load reports nothing new").toBe(false);
    expect(pager.row(0), "old row not kept").toBeUndefined();
    expect(pager.total, "old total not kept").toBe(0);
  });
});
