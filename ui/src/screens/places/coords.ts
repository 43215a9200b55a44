// Coordinate conversions between the core's shapes and Leaflet's.
//
// GeoJSON and the core write positions longitude first, `[lon, lat]`, and
// Leaflet takes latitude first, `[lat, lng]`. The core keeps degrees to 7
// decimals (about 1 cm), so positions read from the map are rounded the
// same way before they are sent.
//
// Sketch maps use Leaflet's CRS.Simple, where a latitude counts pixels up
// from the image's bottom edge and a longitude counts pixels right from
// its left edge. The core stores pins as pixels with `x` to the right and
// `y` down from the top-left corner, so the pixel (x, y) of an image
// `height` pixels high is the CRS.Simple point [height - y, x].

import type { Position } from "../../lib/ipc-places";

/** A GeoJSON position: `[longitude, latitude]` in degrees. */
export type LonLatPair = [number, number];

/** Leaflet's order: `[latitude, longitude]`. */
export type LatLngPair = [number, number];

/** A pixel of a sketch map: `x` to the right, `y` down from the top left. */
export interface PixelPoint {
  x: number;
  y: number;
}

/** The action of a click on the geographic map: select, add a corner, or place a record. */
export type GeoMode = "view" | "draw" | "place";

/** Decimal places the core keeps of a degree. */
export const DEGREE_DECIMALS = 7;

/** Decimal places kept of a pin's pixel. */
export const PIXEL_DECIMALS = 1;

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** Turns a GeoJSON position into Leaflet's order. */
export function toLatLng([lon, lat]: LonLatPair): LatLngPair {
  return [lat, lon];
}

/** Turns a point of the map into a GeoJSON position, rounded as the core keeps it. */
export function toLonLat(lat: number, lng: number): LonLatPair {
  return [round(lng, DEGREE_DECIMALS), round(lat, DEGREE_DECIMALS)];
}

/** Turns a point of the map into the position the shell's commands take. */
export function toPosition(lat: number, lng: number): Position {
  const [lon, roundedLat] = toLonLat(lat, lng);
  return { lon, lat: roundedLat };
}

/** Turns a stored position into Leaflet's order. */
export function positionToLatLng(position: Position): LatLngPair {
  return [position.lat, position.lon];
}

/**
 * Returns the corners of a closed GeoJSON ring in Leaflet's order, without
 * the last position that repeats the first, as an editor draws them.
 */
export function ringCorners(ring: LonLatPair[]): LatLngPair[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  const closed = ring.length > 1 && first && last && first[0] === last[0] && first[1] === last[1];
  const open = closed ? ring.slice(0, -1) : ring;
  return open.map(toLatLng);
}

/** Turns drawn corners into the unclosed `[lon, lat]` ring the shell takes. */
export function cornersToLonLat(corners: LatLngPair[]): LonLatPair[] {
  return corners.map(([lat, lng]) => toLonLat(lat, lng));
}

/** Returns the CRS.Simple point of a pixel on an image `height` pixels high. */
export function pixelToLatLng(pixel: PixelPoint, height: number): LatLngPair {
  return [height - pixel.y, pixel.x];
}

/** Returns the pixel of a CRS.Simple point on an image `height` pixels high. */
export function latLngToPixel(lat: number, lng: number, height: number): PixelPoint {
  return { x: round(lng, PIXEL_DECIMALS), y: round(height - lat, PIXEL_DECIMALS) };
}

/** Returns the CRS.Simple bounds of a whole image, south-west then north-east. */
export function imageBounds(width: number, height: number): [LatLngPair, LatLngPair] {
  return [
    [0, 0],
    [height, width],
  ];
}

/** Checks whether a pixel lies on an image, edges included, as the core requires of a pin. */
export function onImage(pixel: PixelPoint, width: number, height: number): boolean {
  return pixel.x >= 0 && pixel.y >= 0 && pixel.x <= width && pixel.y <= height;
}
