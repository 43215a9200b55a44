// The geographic layers as the core sends them: a GeoJSON feature
// collection whose features carry ids such as "zone/12" and a `layer`
// property of "zone", "household" or "point". These helpers pick features
// by layer for the map's filter and find the record behind a feature.

import type { Feature, FeatureCollection, Geometry, Position as GeoPosition } from "geojson";

/** The map's layers, in the order the filter lists them. */
export const LAYERS = ["zone", "household", "point"] as const;

/** A layer of the map. */
export type LayerName = (typeof LAYERS)[number];

/** A record of the map: its layer and row id. */
export interface RecordRef {
  layer: LayerName;
  id: number;
}

/** A record as the side list shows it. */
export interface ListedRecord {
  record: RecordRef;
  label: string;
  /** Whether the current map shows it. */
  shown: boolean;
}

/** Checks whether `value` names a layer. */
export function isLayer(value: unknown): value is LayerName {
  return typeof value === "string" && (LAYERS as readonly string[]).includes(value);
}

/** Reads a feature id such as "household/5"; null for any other id. */
export function parseFeatureId(id: string | number | undefined): RecordRef | null {
  if (typeof id !== "string") return null;
  const match = /^([a-z]+)\/(\d+)$/.exec(id);
  if (!match) return null;
  const [, layer, row] = match;
  return isLayer(layer) ? { layer, id: Number(row) } : null;
}

/** Returns the record behind a feature, from its id or else its `layer` and `id` properties. */
export function featureRecord(feature: Feature): RecordRef | null {
  const fromId = parseFeatureId(feature.id);
  if (fromId) return fromId;
  const layer = feature.properties?.layer;
  const id = feature.properties?.id;
  return isLayer(layer) && typeof id === "number" ? { layer, id } : null;
}

/** Returns the layer of a feature, or null when it names none. */
export function featureLayer(feature: Feature): LayerName | null {
  const layer = feature.properties?.layer;
  return isLayer(layer) ? layer : null;
}

/** Returns the collection with only the features of the `visible` layers. */
export function filterLayers(
  collection: FeatureCollection,
  visible: ReadonlySet<LayerName>,
): FeatureCollection {
  const features = collection.features.filter((feature) => {
    const layer = featureLayer(feature);
    return layer !== null && visible.has(layer);
  });
  return { ...collection, features };
}

/** Counts the features of each layer. */
export function countLayers(collection: FeatureCollection): Record<LayerName, number> {
  const counts: Record<LayerName, number> = { zone: 0, household: 0, point: 0 };
  for (const feature of collection.features) {
    const layer = featureLayer(feature);
    if (layer) counts[layer] += 1;
  }
  return counts;
}

/** Checks whether two references name the same record. */
export function sameRecord(a: RecordRef | null, b: RecordRef | null): boolean {
  return a !== null && b !== null && a.layer === b.layer && a.id === b.id;
}

/** Returns every position of a geometry, rings and parts included. */
function positions(geometry: Geometry | null): GeoPosition[] {
  if (!geometry) return [];
  switch (geometry.type) {
    case "Point":
      return [geometry.coordinates];
    case "MultiPoint":
    case "LineString":
      return geometry.coordinates;
    case "Polygon":
    case "MultiLineString":
      return geometry.coordinates.flat();
    case "MultiPolygon":
      return geometry.coordinates.flat(2);
    case "GeometryCollection":
      return geometry.geometries.flatMap(positions);
  }
}

/**
 * Returns the box around every feature as `[[south, west], [north, east]]`,
 * Leaflet's order for `fitBounds`, or null for a collection without
 * positions.
 */
export function layerBounds(
  collection: FeatureCollection,
): [[number, number], [number, number]] | null {
  let south = Infinity;
  let west = Infinity;
  let north = -Infinity;
  let east = -Infinity;
  for (const feature of collection.features) {
    for (const [lon = NaN, lat = NaN] of positions(feature.geometry)) {
      south = Math.min(south, lat);
      north = Math.max(north, lat);
      west = Math.min(west, lon);
      east = Math.max(east, lon);
    }
  }
  if (!Number.isFinite(south) || !Number.isFinite(west)) return null;
  return [
    [south, west],
    [north, east],
  ];
}
