// Helpers shared by the geographic map and the sketch map on Leaflet.

import * as L from "leaflet";
import { t } from "../../lib/i18n/index.svelte";

/** A Leaflet map and the function that takes it down. */
export interface MountedMap {
  map: L.Map;
  destroy: () => void;
}

/**
 * Creates a Leaflet map in `container` without Leaflet's attribution link,
 * because a click on that link would take the window away from the app.
 * The zoom buttons' tooltips are in the app's language, not Leaflet's
 * English.
 * The map follows the container's size, so that a notice that resizes the
 * container does not leave the map drawn for the old size.
 */
export function mountMap(container: HTMLElement, options: L.MapOptions): MountedMap {
  const map = L.map(container, { ...options, attributionControl: false, zoomControl: false });
  L.control.attribution({ prefix: false }).addTo(map);
  const zoom = L.control
    .zoom({ zoomInTitle: t("places.zoom_in"), zoomOutTitle: t("places.zoom_out") })
    .addTo(map);
  const buttons = zoom.getContainer();
  buttons?.querySelector(".leaflet-control-zoom-in")?.setAttribute("data-testid", "places-zoom-in");
  buttons
    ?.querySelector(".leaflet-control-zoom-out")
    ?.setAttribute("data-testid", "places-zoom-out");
  const resize = new ResizeObserver(() => map.invalidateSize());
  resize.observe(container);
  return {
    map,
    destroy: () => {
      resize.disconnect();
      map.remove();
    },
  };
}

/** Gives a marker's or a shape's element a test id once it is on the map. */
export function setTestId(layer: L.Marker | L.Path, testid: string) {
  layer.on("add", () => layer.getElement()?.setAttribute("data-testid", testid));
}
