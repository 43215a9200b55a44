import { describe, expect, it } from "vitest";
import type { Component } from "svelte";
import { collectScreens, type ScreenDefinition } from "./screens";

const component = (() => {}) as unknown as Component;

function screen(id: string, order: number): { default: ScreenDefinition } {
  return { default: { id, label: "nav.members", order, component } };
}

describe("collectScreens", () => {
  it("puts screens in menu order", () => {
    const screens = collectScreens({
      "./screens/settings/screen.ts": screen("settings", 90),
      "./screens/members/screen.ts": screen("members", 10),
      "./screens/waste/screen.ts": screen("waste", 40),
    });
    expect(
      screens.map((s) => s.id),
      "ordered by `order`",
    ).toEqual(["members", "waste", "settings"]);
  });

  it("rejects two screens with one id", () => {
    expect(
      () =>
        collectScreens({
          "./screens/a/screen.ts": screen("members", 10),
          "./screens/b/screen.ts": screen("members", 20),
        }),
      "duplicate id",
    ).toThrow(/both declare screen "members"/);
  });

  it("rejects two screens with one order", () => {
    expect(
      () =>
        collectScreens({
          "./screens/a/screen.ts": screen("a", 10),
          "./screens/b/screen.ts": screen("b", 10),
        }),
      "duplicate order",
    ).toThrow(/menu order 10/);
  });

  it("names a module without a default export", () => {
    expect(() => collectScreens({ "./screens/fund/screen.ts": {} }), "missing export").toThrow(
      "./screens/fund/screen.ts has no default export",
    );
  });

  it("rejects an id unfit for a test id", () => {
    expect(() => collectScreens({ "./x/screen.ts": screen("Waste Bank", 40) }), "bad id").toThrow(
      /not lowercase/,
    );
  });
});
