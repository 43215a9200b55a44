// Typed wrappers of the map screen's shell commands (`places_…`), built on
// `call` from the app's api module. A failed command rejects with an
// AppError ({code, message, details}).

import { call } from "../../lib/api";
import type {
  Basemap,
  HouseholdEdit,
  HouseholdRecord,
  LayerTotals,
  PinRef,
  PinRow,
  PlacesImport,
  PlacesMap,
  PlacesOpenKind,
  PlacesSaveKind,
  PointEdit,
  PointRecord,
  Position,
  SketchInfo,
  SketchZoneRow,
  ZoneEdit,
  ZoneOverview,
  ZoneRecord,
} from "../../lib/ipc-places";
import type { LonLatPair } from "./coords";

/** A community's layers, records, sketch maps and the materials a point can accept. */
export const placesMap = (communityId: number) => call<PlacesMap>("places_map", { communityId });

export const addZone = (communityId: number, edit: ZoneEdit) =>
  call<ZoneRecord>("places_add_zone", { communityId, edit });

export const updateZone = (zoneId: number, edit: ZoneEdit) =>
  call<ZoneRecord>("places_update_zone", { zoneId, edit });

/** Saves a zone's outer ring from unclosed `[lon, lat]` corners, or clears it with null. */
export const setZoneOutline = (zoneId: number, corners: LonLatPair[] | null) =>
  call<ZoneRecord>("places_set_zone_outline", { zoneId, corners });

/**
 * Deletes a zone and its outlines on sketch maps. `detach` leaves its households and points
 * without a zone; without it, fails with `zone_has_places` while it has any.
 */
export const removeZone = (zoneId: number, detach: boolean) =>
  call<void>("places_remove_zone", { zoneId, detach });

/** A zone's members, households, points, deposits and collectors' rounds. */
export const zoneOverview = (zoneId: number) =>
  call<ZoneOverview>("places_zone_overview", { zoneId });

export const addHousehold = (communityId: number, edit: HouseholdEdit, at: Position | null) =>
  call<HouseholdRecord>("places_add_household", { communityId, edit, at });

export const updateHousehold = (householdId: number, edit: HouseholdEdit) =>
  call<HouseholdRecord>("places_update_household", { householdId, edit });

/** Moves a household on the map, or takes it off the map with null. */
export const moveHousehold = (householdId: number, at: Position | null) =>
  call<HouseholdRecord>("places_move_household", { householdId, at });

/** Removes a household no member lives in; fails with `household_has_members`. */
export const removeHousehold = (householdId: number) =>
  call<void>("places_remove_household", { householdId });

export const addPoint = (communityId: number, edit: PointEdit, at: Position | null) =>
  call<PointRecord>("places_add_point", { communityId, edit, at });

export const updatePoint = (pointId: number, edit: PointEdit) =>
  call<PointRecord>("places_update_point", { pointId, edit });

/** Moves a collection point on the map, or takes it off the map with null. */
export const movePoint = (pointId: number, at: Position | null) =>
  call<PointRecord>("places_move_point", { pointId, at });

/** Stores the PNG or JPEG at `path` as a sketch map of the community. */
export const addSketch = (communityId: number, name: string, path: string) =>
  call<SketchInfo>("places_add_sketch", { communityId, name, path });

/** The image of a sketch map as raw bytes. */
export const sketchImage = (sketchId: number) =>
  call<ArrayBuffer>("places_sketch_image", { sketchId });

export const removeSketch = (sketchId: number) => call<void>("places_remove_sketch", { sketchId });

export const listPins = (sketchId: number) => call<PinRow[]>("places_pins", { sketchId });

/** Pins a record at the pixel (x right, y down), or moves its pin there. */
export const pin = (sketchId: number, target: PinRef, x: number, y: number) =>
  call<PinRow>("places_pin", { sketchId, target, x, y });

export const unpin = (sketchId: number, target: PinRef) =>
  call<void>("places_unpin", { sketchId, target });

/** The zones drawn on a sketch map, outlines in image pixels. */
export const listSketchZones = (sketchId: number) =>
  call<SketchZoneRow[]>("places_sketch_zones", { sketchId });

/** Draws a zone on a sketch map from unclosed `[x, y]` pixel corners, or redraws it. */
export const drawSketchZone = (sketchId: number, zoneId: number, corners: [number, number][]) =>
  call<SketchZoneRow>("places_draw_sketch_zone", { sketchId, zoneId, corners });

export const eraseSketchZone = (sketchId: number, zoneId: number) =>
  call<void>("places_erase_sketch_zone", { sketchId, zoneId });

/** Imports a GeoJSON or KML file into the named community, or previews it when `commit` is false. */
export const importLayers = (path: string, community: string, commit: boolean) =>
  call<PlacesImport>("places_import", { path, community, commit });

export const exportGeojson = (communityId: number, path: string) =>
  call<LayerTotals>("places_export_geojson", { communityId, path });

export const exportKml = (communityId: number, path: string) =>
  call<LayerTotals>("places_export_kml", { communityId, path });

export const exportPdf = (communityId: number, path: string) =>
  call<LayerTotals>("places_export_pdf", { communityId, path });

export const exportPng = (communityId: number, path: string) =>
  call<LayerTotals>("places_export_png", { communityId, path });

/** Shows an open dialog for a scanned map or a layers file; null when cancelled. */
export const pickOpen = (kind: PlacesOpenKind, filterName: string) =>
  call<string | null>("places_pick_open", { kind, filterName });

/** Shows a save dialog proposing `fileName`; null when cancelled. */
export const pickSave = (kind: PlacesSaveKind, filterName: string, fileName: string) =>
  call<string | null>("places_pick_save", { kind, filterName, fileName });

export const getBasemap = () => call<Basemap>("places_basemap");

/** Saves the basemap setting; fails with `basemap_url_invalid` for a bad URL turned on. */
export const setBasemap = (basemap: Basemap) => call<Basemap>("places_set_basemap", { basemap });
