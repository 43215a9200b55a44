import { describe, expect, it } from "vitest";
import { isTileUrl } from "./basemap";

// The same cases as the shell's basemap tests.
describe("tile URLs", () => {
  it("accept an https template", () => {
    expect(isTileUrl(" https://tiles.example.org/{z}/{x}/{y}.png "), "trimmed").toBe(true);
  });

  it("accept OpenStreetMap's", () => {
    expect(isTileUrl("https://tile.openstreetmap.org/{z}/{x}/{y}.png"), "default").toBe(true);
  });

  it("reject other URLs", () => {
    const rejected = [
      "http://tiles.example.org/{z}/{x}/{y}.png",
      "https://tiles.example.org/{z}/{x}.png",
      "https:///{z}/{x}/{y}.png",
      "file:///tiles/{z}/{x}/{y}.png",
      "",
    ];
    for (const url of rejected) {
      expect(isTileUrl(url), url).toBe(false);
    }
  });
});
