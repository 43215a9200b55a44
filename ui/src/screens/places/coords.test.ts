import { describe, expect, it } from "vitest";
import {
  cornersToLonLat,
  imageBounds,
  latLngToPixel,
  onImage,
  pixelToLatLng,
  positionToLatLng,
  ringCorners,
  toLatLng,
  toLonLat,
  toPosition,
  type LonLatPair,
} from "./coords";

describe("geographic positions", () => {
  it("swap GeoJSON's order into Leaflet's", () => {
    expect(toLatLng([100.595, 7.1987]), "latitude first").toEqual([7.1987, 100.595]);
  });

  it("swap Leaflet's order back into GeoJSON's", () => {
    expect(toLonLat(7.1987, 100.595), "longitude first").toEqual([100.595, 7.1987]);
  });

  it("round to the core's seven decimals", () => {
    expect(toLonLat(7.19871234567, 100.59512345678), "rounded").toEqual([100.5951235, 7.1987123]);
  });

  it("become the shell's positions", () => {
    expect(toPosition(7.1987, 100.595), "named fields").toEqual({ lon: 100.595, lat: 7.1987 });
  });

  it("read stored positions in Leaflet's order", () => {
    expect(positionToLatLng({ lon: 100.595, lat: 7.1987 }), "latitude first").toEqual([
      7.1987, 100.595,
    ]);
  });
});

describe("zone outlines", () => {
  const closed: LonLatPair[] = [
    [100.59, 7.19],
    [100.6, 7.19],
    [100.6, 7.2],
    [100.59, 7.19],
  ];

  it("drop the closing position for the editor", () => {
    expect(ringCorners(closed), "three corners, latitude first").toEqual([
      [7.19, 100.59],
      [7.19, 100.6],
      [7.2, 100.6],
    ]);
  });

  it("keep an unclosed ring whole", () => {
    expect(ringCorners(closed.slice(0, 3)), "nothing dropped").toHaveLength(3);
  });

  it("round-trip through the editor", () => {
    expect(cornersToLonLat(ringCorners(closed)), "the unclosed ring").toEqual(closed.slice(0, 3));
  });

  it("keep a single position", () => {
    expect(ringCorners([[100.59, 7.19]]), "one corner").toEqual([[7.19, 100.59]]);
  });
});

describe("sketch-map pixels", () => {
  const height = 80;

  it("put the top-left pixel at the image's top", () => {
    expect(pixelToLatLng({ x: 0, y: 0 }, height), "top edge").toEqual([80, 0]);
  });

  it("put the bottom-right pixel at the origin's row", () => {
    expect(pixelToLatLng({ x: 120, y: 80 }, height), "bottom edge").toEqual([0, 120]);
  });

  it("round-trip a pixel", () => {
    const [lat, lng] = pixelToLatLng({ x: 30.5, y: 12 }, height);
    expect(latLngToPixel(lat, lng, height), "same pixel").toEqual({ x: 30.5, y: 12 });
  });

  it("round pixels to a tenth", () => {
    expect(latLngToPixel(67.96, 30.04, height), "rounded").toEqual({ x: 30, y: 12 });
  });

  it("bound the whole image", () => {
    expect(imageBounds(120, 80), "south-west, north-east").toEqual([
      [0, 0],
      [80, 120],
    ]);
  });

  it("accept pixels on the edges", () => {
    expect(onImage({ x: 120, y: 80 }, 120, 80), "corner").toBe(true);
    expect(onImage({ x: 0, y: 0 }, 120, 80), "origin").toBe(true);
  });

  it("reject pixels off the image", () => {
    expect(onImage({ x: -0.1, y: 10 }, 120, 80), "left of it").toBe(false);
    expect(onImage({ x: 10, y: 80.1 }, 120, 80), "below it").toBe(false);
  });
});
