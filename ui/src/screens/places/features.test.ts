import { describe, expect, it } from "vitest";
import type { Feature, FeatureCollection } from "geojson";
import {
  countLayers,
  featureRecord,
  filterLayers,
  layerBounds,
  parseFeatureId,
  sameRecord,
  type LayerName,
} from "./features";

function point(id: string, layer: string, lon: number, lat: number): Feature {
  return {
    type: "Feature",
    id,
    properties: { layer, id: Number(id.split("/")[1]) },
    geometry: { type: "Point", coordinates: [lon, lat] },
  };
}

const zone: Feature = {
  type: "Feature",
  id: "zone/12",
  properties: { layer: "zone", id: 12, name: "โซน 1" },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [100.59, 7.19],
        [100.6, 7.19],
        [100.6, 7.2],
        [100.59, 7.19],
      ],
    ],
  },
};

const collection: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    zone,
    point("point/3", "point", 100.595, 7.195),
    point("household/5", "household", 100.61, 7.185),
    point("household/6", "household", 100.592, 7.196),
  ],
};

describe("feature ids", () => {
  it("name the layer and row", () => {
    expect(parseFeatureId("household/5"), "household 5").toEqual({ layer: "household", id: 5 });
  });

  it("reject unknown layers", () => {
    expect(parseFeatureId("route/1"), "no such layer").toBeNull();
  });

  it("reject other shapes", () => {
    expect(parseFeatureId("zone/"), "no row").toBeNull();
    expect(parseFeatureId(12), "a number").toBeNull();
    expect(parseFeatureId(undefined), "missing").toBeNull();
  });

  it("fall back to the properties", () => {
    const bare: Feature = { ...zone, id: undefined };
    expect(featureRecord(bare), "from layer and id").toEqual({ layer: "zone", id: 12 });
  });

  it("compare records", () => {
    expect(sameRecord({ layer: "zone", id: 1 }, { layer: "zone", id: 1 }), "same").toBe(true);
    expect(sameRecord({ layer: "zone", id: 1 }, { layer: "point", id: 1 }), "other layer").toBe(
      false,
    );
    expect(sameRecord(null, null), "nothing selected").toBe(false);
  });
});

describe("layer filter", () => {
  const ids = (visible: LayerName[]) =>
    filterLayers(collection, new Set(visible)).features.map((f) => f.id);

  it("keeps every layer shown", () => {
    expect(ids(["zone", "household", "point"]), "all four").toEqual([
      "zone/12",
      "point/3",
      "household/5",
      "household/6",
    ]);
  });

  it("hides a layer turned off", () => {
    expect(ids(["zone", "point"]), "no households").toEqual(["zone/12", "point/3"]);
  });

  it("shows nothing with every layer off", () => {
    expect(ids([]), "empty").toEqual([]);
  });

  it("drops features without a layer", () => {
    const stray: Feature = { ...zone, id: "x", properties: {} };
    const filtered = filterLayers(
      { type: "FeatureCollection", features: [stray] },
      new Set<LayerName>(["zone"]),
    );
    expect(filtered.features, "no layer, not shown").toEqual([]);
  });

  it("leaves the collection as it was", () => {
    filterLayers(collection, new Set<LayerName>());
    expect(collection.features, "still four").toHaveLength(4);
  });

  it("counts each layer", () => {
    expect(countLayers(collection), "per layer").toEqual({ zone: 1, household: 2, point: 1 });
  });
});

describe("layer bounds", () => {
  it("cover every position", () => {
    expect(layerBounds(collection), "south-west, north-east").toEqual([
      [7.185, 100.59],
      [7.2, 100.61],
    ]);
  });

  it("are null without features", () => {
    expect(layerBounds({ type: "FeatureCollection", features: [] }), "nothing to fit").toBeNull();
  });
});
