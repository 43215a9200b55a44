import { describe, expect, it } from "vitest";
import type { Cell } from "../../lib/ipc-types";
import { numberColumns } from "./cells";

const count = (value: number): Cell => ({ type: "count", value });
const text = (value: string): Cell => ({ type: "text", value });
const empty: Cell = { type: "empty" };

describe("number columns of the import preview", () => {
  it("mark a column of counts and money, blanks allowed", () => {
    const rows = [
      { cells: [text("BY001"), count(50), { type: "money", value: 5000 } as Cell] },
      { cells: [text("BY002"), empty, { type: "money", value: 100 } as Cell] },
    ];
    expect(numberColumns(rows, 3)).toEqual([false, true, true]);
  });

  it("leave a column with any text on the left", () => {
    const rows = [{ cells: [count(1)] }, { cells: [text("ห้าสิบ")] }];
    expect(numberColumns(rows, 1)).toEqual([false]);
  });

  it("leave an empty column on the left", () => {
    const rows = [{ cells: [empty, count(3)] }];
    expect(numberColumns(rows, 2)).toEqual([false, true]);
  });

  it("give one answer for each column even when rows are short", () => {
    expect(numberColumns([{ cells: [count(1)] }], 3)).toEqual([true, false, false]);
  });
});
