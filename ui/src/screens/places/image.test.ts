import { describe, expect, it } from "vitest";
import { toDataUrl } from "./image";

describe("image data URLs", () => {
  it("encode the bytes in base64", () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    expect(toDataUrl(bytes, "image/png"), "PNG signature").toBe("data:image/png;base64,iVBORw==");
  });

  it("encode more than one chunk", () => {
    const bytes = new Uint8Array(70000).fill(65);
    const url = toDataUrl(bytes, "image/jpeg");
    const decoded = atob(url.slice("data:image/jpeg;base64,".length));
    expect(decoded.length, "every byte").toBe(70000);
    expect(decoded.startsWith("AAAA"), "the bytes as given").toBe(true);
  });
});
