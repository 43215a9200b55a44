// English messages of the map: zones, households and collection points.

import type { places as thai } from "./th.places";

export const places: Record<keyof typeof thai, string> = {
  "places.kind.crowded": "Crowded community",
  "places.kind.suburban": "Suburban community",
  "places.kind.village": "Village community",
  "places.kind.urban": "Urban community",
  "places.kind.public_housing": "Public housing",
  "places.kind.housing_estate": "Housing estate",
  "places.kind.other": "Other",
  "places.layer.zone": "Zone",
  "places.layer.household": "Household",
  "places.layer.point": "Collection point",
  "places.feature.imported": "Imported",
  "places.feature.updated": "Updated",
  "places.feature.skipped": "Skipped",
  "places.feature.error": "Error",
  "error.coordinate_not_finite": "A coordinate is not a number. Check the coordinates in the file.",
  "error.coordinate_not_degrees":
    "The position is not a longitude and latitude in degrees (it may be UTM). Save the layer in WGS84 (EPSG:4326) and import it again.",
  "error.coordinate_swapped":
    "The position lies outside Thailand, and inside it with latitude and longitude swapped. Write the longitude (about 100) before the latitude (about 7).",
  "error.coordinate_outside_thailand":
    "The position lies outside Thailand (longitude 97.3 to 105.7, latitude 5.6 to 20.5, approximately). Check the coordinates.",
  "error.pin_outside_image": "The pin lies outside the map image. Place it on the image.",
  "error.polygon_empty": "The zone's outline has no points. Draw it again.",
  "error.ring_too_short":
    "The zone's outline (or a hole in it) has too few points: it needs at least 3 corners (4 points with the closing one). Draw it again.",
  "error.ring_not_closed":
    "The zone's outline (or a hole in it) is not closed: its last point must be its first. Draw it all the way round.",
  "error.ring_self_intersects":
    "The zone's outline (or a hole in it) crosses itself. Fix the outline so that its edges do not cross or overlap.",
  "error.invalid_schedule":
    "Cannot read the opening hours. Write days and times, such as Sat 09:00-12:00 or Mon-Fri 08:30-16:30.",
  "error.invalid_time": "Cannot read the time. Write it as 09:00.",
  "error.opening_hours_reversed":
    "The closing time must be after the opening time. Check the opening hours.",
  "error.contact_name_missing": "The contact has no name. Enter a name.",
  "error.zone_exists": "The community already has a zone with this name. Choose another name.",
  "error.member_other_community":
    "This member belongs to another community. A zone leader must be a member of the same community.",
  "error.house_no_missing": "The household has no house number. Enter one.",
  "error.household_exists":
    "The community already has a household at this address. Check the house number, moo, soi and road.",
  "error.household_has_members":
    "Members still live in this household. Move them to another household before removing it.",
  "error.household_other_community":
    "This household belongs to another community. A member can only live in a household of their own community.",
  "error.zone_other_community":
    "This zone belongs to another community. Choose a zone of this community.",
  "error.zone_in_use":
    "Members or collectors' rounds still name this zone. Move them to another zone before deleting it.",
  "error.zone_has_places":
    "Households or collection points are still in this zone. Confirm that they may be left without a zone, then delete it again.",
  "error.places_export_type":
    "The file name must end in .geojson or .kml, which tells the format to write.",
  "error.places_map_type":
    "The file name must end in .pdf or .png, which tells the format to write.",
  "error.point_exists":
    "The community already has a collection point with this name. Choose another name.",
  "error.kml_invalid":
    "Cannot read the KML file; it may be damaged or incomplete. Export it again from Google My Maps or QGIS.",
  "error.geojson_invalid": "Cannot read the GeoJSON file. Export it again from QGIS as GeoJSON.",
  "error.geojson_not_wgs84":
    "The file's coordinates are not WGS84 (they may be UTM). Save the layer in WGS84 (EPSG:4326) and import it again.",
  "error.places_file_not_utf8":
    "The file is not saved as UTF-8, so its Thai text cannot be read. Save it as UTF-8 and import it again.",
  "error.places_file_type":
    "Only .geojson and .kml files can be imported. Unzip a .kmz to its doc.kml first.",
  "error.sketch_name_missing": "The sketch map has no name. Give it one.",
  "error.sketch_exists":
    "The community already has a sketch map with this name. Choose another name.",
  "error.sketch_too_large":
    "The map image is too large. Scan it at a lower resolution or save it as JPEG.",
  "error.sketch_format": "The file is not a PNG or JPEG image. Save the map as PNG or JPEG.",
  "error.pin_other_community":
    "This household or collection point belongs to another community. Pin it on its own community's map.",
  "error.household_ambiguous": "Several households have this house number. Give the moo as well.",
  "problem.layer_unknown":
    "Cannot tell whether this is a zone, a household or a collection point. Put it in a folder named zones, households or collection points, or add a layer field.",
  "problem.name_missing": "This feature has no name. Name it in the file and import it again.",
  "problem.geometry_invalid":
    "The coordinates of this feature cannot be read. Check them in the file.",
  "problem.geometry_unsupported":
    "The shape does not fit the layer: a zone needs a polygon, a household or collection point needs a point. Lines cannot be imported yet.",
  "problem.no_geometry": "This feature has no position on the map, so it was skipped.",
  "problem.unchanged": "The stored record is the same, so it was skipped.",
  "problem.member_unknown":
    "This member number is not in the register, so the member was not linked to the household.",
  "problem.coordinate_not_finite":
    "A coordinate is not a number. Check the coordinates in the file.",
  "problem.coordinate_not_degrees":
    "The position is not a longitude and latitude in degrees (it may be UTM). Save the layer in WGS84 (EPSG:4326) and import it again.",
  "problem.coordinate_swapped":
    "The position lies outside Thailand, and inside it with latitude and longitude swapped. Write the longitude (about 100) before the latitude (about 7).",
  "problem.coordinate_outside_thailand":
    "The position lies outside Thailand (longitude 97.3 to 105.7, latitude 5.6 to 20.5, approximately). Check the coordinates.",
  "problem.polygon_empty": "The zone's outline has no points. Draw it again.",
  "problem.ring_too_short":
    "The zone's outline (or a hole in it) has too few points: it needs at least 3 corners (4 points with the closing one). Draw it again.",
  "problem.ring_not_closed":
    "The zone's outline (or a hole in it) is not closed: its last point must be its first. Draw it all the way round.",
  "problem.ring_self_intersects":
    "The zone's outline (or a hole in it) crosses itself. Fix the outline so that its edges do not cross or overlap.",
  "problem.invalid_schedule":
    "Cannot read the opening hours. Write days and times, such as Sat 09:00-12:00 or Mon-Fri 08:30-16:30.",
  "problem.invalid_time": "Cannot read the time. Write it as 09:00.",
  "problem.opening_hours_reversed":
    "The closing time must be after the opening time. Check the opening hours.",
  "problem.house_no_missing": "The household has no house number. Enter one.",
  "problem.zone_exists": "The community already has a zone with this name. Choose another name.",
  "problem.member_other_community":
    "This member belongs to another community, so they were not linked to the household.",
  "problem.zone_other_community":
    "This zone belongs to another community. Choose a zone of this community.",
  "error.sketch_pins_invalid":
    "This is not a sketch map pins file (.pins.json). Choose the file that Chumchon exported.",
  "nav.places": "Community map",
  "places.title": "Community map",
  "places.community": "Community",
  "places.no_community":
    "There are no communities in the database yet. Import the member register first, then come back to the map.",
  "places.view": "Kind of map",
  "places.view.geo": "Geographic map",
  "places.view.sketch": "Sketch map",
  "places.map_label":
    "The community's geographic map. Pan with the arrow keys and zoom with + and −.",
  "places.filter": "Layers shown",
  "places.add.zone": "Add zone",
  "places.add.household": "Add household",
  "places.add.point": "Add collection point",
  "places.select_hint":
    "Click a zone, household or collection point on the map or in the list below to see and edit it.",
  "places.list.empty": "None yet",
  "places.list.not_on_map": "not on the map",
  "places.notes": "Notes",
  "places.zone_field": "Zone",
  "places.no_zone": "No zone",
  "places.date_placeholder": "such as 1/6/2567",
  "places.saved": "Saved “{name}”.",
  "places.place_on_map": "Place on map",
  "places.move_on_map": "Move on map",
  "places.take_off_map": "Take off map",
  "places.not_on_map":
    "This record has no position on the map yet. Press “Place on map”, then click where it is.",
  "places.zone.new": "New zone",
  "places.zone.title": "Zone {name}",
  "places.zone.name": "Zone or soi name",
  "places.zone.leader_member_no": "Zone leader's member number",
  "places.zone.leader_name": "Zone leader's name (if not a member)",
  "places.zone.leader_is": "Zone leader: {name}",
  "places.zone.draw": "Draw outline",
  "places.zone.redraw": "Edit outline",
  "places.zone.clear_outline": "Clear outline",
  "places.zone.no_outline":
    "This zone has no outline on the map yet. Press “Draw outline” to draw it.",
  "places.zone.holes_kept": "This outline has holes. Editing the outline keeps them as they are.",
  "places.zone.outline_saved": "Saved the outline of zone “{name}”.",
  "places.zone.remove": "Delete zone",
  "places.zone.remove_title": "Delete this zone?",
  "places.zone.remove_message":
    "Zone “{name}” and its outlines on every sketch map will be deleted.",
  "places.zone.remove_detach":
    "Zone “{name}” and its outlines on every sketch map will be deleted. Its {households} households and {points} collection points will have no zone.",
  "places.zone.removed": "Zone “{name}” deleted.",
  "places.zone.sketch_not_drawn":
    "This zone has no outline on this sketch map yet. Press “Draw outline” and click each corner on the image.",
  "places.draw.hint":
    "Drawing the outline of zone “{name}”: click each corner on the map, drag a corner to adjust it, then press “Finish”.",
  "places.draw.count": "Corners: {count}",
  "places.draw.corner": "Corner {number}",
  "places.draw.add_center": "Add corner at the centre cross",
  "places.draw.undo": "Remove last corner",
  "places.draw.finish": "Finish and save outline",
  "places.place.hint": "Click the map where “{name}” is.",
  "places.place.center": "Place at the centre cross",
  "places.household.new": "New household",
  "places.household.title": "Household {label}",
  "places.household.joined": "Joined the sorting programme (Buddhist Era)",
  "places.household.members": "Members living here",
  "places.household.no_members": "No member is linked to this household yet.",
  "places.household.remove": "Remove household",
  "places.household.remove_title": "Remove this household?",
  "places.household.remove_message":
    "Household {label} and its pins on sketch maps will be removed. The removal is recorded in the audit log.",
  "places.address.house_no": "House number",
  "places.address.moo": "Moo",
  "places.address.soi": "Soi",
  "places.address.road": "Road",
  "places.address.subdistrict": "Subdistrict",
  "places.address.district": "District",
  "places.address.province": "Province",
  "places.address.postcode": "Postcode",
  "places.point.new": "New collection point",
  "places.point.title": "Collection point {name}",
  "places.point.name": "Collection point name",
  "places.point.materials": "Materials accepted",
  "places.point.schedule": "Opening days and hours",
  "places.point.schedule_placeholder": "such as Mon-Fri 08:30-16:30, Sat 09:00-12:00",
  "places.point.schedule_note": "Note on opening hours (such as the second Saturday of the month)",
  "places.sketch.choose": "Sketch map",
  "places.sketch.new_name": "Name of a new sketch map",
  "places.sketch.add": "Choose map image…",
  "places.sketch.image_filter": "Map image (PNG, JPEG)",
  "places.sketch.added": "Added sketch map “{name}”.",
  "places.sketch.remove": "Remove sketch map",
  "places.sketch.remove_title": "Remove this sketch map?",
  "places.sketch.remove_message": "Sketch map “{name}” and every pin on it will be removed.",
  "places.sketch.none":
    "This community has no sketch map yet. Name one and press “Choose map image…” to add a scan of the community's map (PNG or JPEG).",
  "places.sketch.map_label": "Sketch map {name}. Pan with the arrow keys and zoom with + and −.",
  "places.sketch.pin_target": "Household or collection point to pin",
  "places.sketch.pin_target_none": "Choose one",
  "places.sketch.pin": "Pin on the map",
  "places.sketch.move_pin": "Move pin",
  "places.sketch.pin_hint": "Click the map image where “{label}” is.",
  "places.sketch.pin_center": "Pin at the centre cross",
  "places.sketch.pinned": "Pinned “{label}”.",
  "places.sketch.pixel": "Position on the image: {x} px from the left, {y} px from the top",
  "places.sketch.unpin": "Remove pin",
  "places.sketch.exempt_hint":
    "Pins on a sketch map are positions on the image, not real coordinates, so GeoJSON files and the PDF map leave them out.",
  "places.import.button": "Import…",
  "places.import.button_title":
    "Import zones, households and collection points from a GeoJSON or KML file (QGIS, Google My Maps)",
  "places.import.filter": "Map layers (GeoJSON, KML)",
  "places.import.title": "Import of {file}",
  "places.import.preview":
    "The file was checked but nothing is saved in {community} yet. Review the result below, then import.",
  "places.import.committed": "Imported into {community}.",
  "places.import.nothing": "Nothing needs to change in {community}.",
  "places.import.before": "This file was imported before, on {date} at {time}.",
  "places.import.read": "Features in the file",
  "places.import.imported": "New",
  "places.import.updated": "Updated",
  "places.import.skipped": "Skipped",
  "places.import.errors": "Errors",
  "places.import.feature": "No.",
  "places.import.layer": "Layer",
  "places.import.name": "Name",
  "places.import.outcome": "Outcome",
  "places.import.reason": "Reason",
  "places.import.commit": "Import {count} records",
  "places.export.geojson": "Export GeoJSON…",
  "places.export.geojson_filter": "GeoJSON",
  "places.export.geojson_file": "map-{community}.geojson",
  "places.export.kml": "Export KML…",
  "places.export.kml_filter": "KML (Google My Maps, QGIS)",
  "places.export.kml_file": "map-{community}.kml",
  "places.export.pdf": "Print PDF…",
  "places.export.pdf_filter": "PDF",
  "places.export.pdf_file": "map-{community}.pdf",
  "places.export.png": "Save PNG picture…",
  "places.export.png_filter": "PNG picture",
  "places.export.png_file": "map-{community}.png",
  "places.export.saved": "Saved to {path} ({totals}).",
  "places.export.open_pdf": "Open",
  "places.totals": "{zones} zones, {households} households, {points} collection points",
  "places.basemap.button": "Basemap…",
  "places.basemap.title": "Online basemap",
  "places.basemap.explain":
    "The basemap is downloaded from the internet. It is the one thing the app fetches from the network, and only once it is turned on here. Without it the map shows the zones, households and collection points alone, with a scale bar.",
  "places.basemap.enabled": "Use the online basemap",
  "places.basemap.url": "Tile URL",
  "places.basemap.url_hint":
    "It must start with https:// and contain {z} {x} {y}, such as https://tile.openstreetmap.org/{z}/{x}/{y}.png",
  "places.basemap.attribution": "Attribution of the map's source",
  "places.basemap.turned_on": "The online basemap is on.",
  "places.basemap.turned_off":
    "The online basemap is off. The app fetches nothing from the network.",
  "places.basemap.off_hint":
    "The online basemap is off, so the map shows the community's layers and a scale bar only.",
  "error.basemap_url_invalid":
    "The tile URL {url} cannot be used. It must start with https:// and contain {z} {x} {y}.",
  "error.places_file_empty": "The map file is empty. Export the map again and import the new file.",
  "error.places_file_kmz":
    "This is a KMZ file (a zipped KML), which cannot be imported as it is. Unzip it and import the doc.kml inside, or export the map as KML.",
  "error.places_file_spreadsheet":
    "This is a spreadsheet or another zipped file, not a map file. Export the map as GeoJSON or KML and import that file.",
  "error.kml_truncated":
    "The KML file is damaged: it ends before the file is complete. Export it again.",
  "problem.layer_value_unknown":
    "The layer value of this feature is not known. Write โซน (zone), ครัวเรือน (household) or จุดรับขยะ (collection point).",
  "places.overview.title": "In this zone",
  "places.overview.members": "Members ({count})",
  "places.overview.households": "Households ({count})",
  "places.overview.points": "Collection points ({count})",
  "places.overview.none": "None yet",
  "places.overview.more": "and {count} more",
  "places.overview.deposits_at_points": "Deposits at the zone's collection points",
  "places.overview.deposits_by_members": "Deposits by the zone's members",
  "places.overview.deposit_line": "{deposits} deposits, {kg} kg, worth {value} baht",
  "places.overview.rounds": "Collection rounds ({count})",
  "places.overview.round_line":
    "{collector}, {when}: {records} collections, {kg} kg, paid {paid} baht",
  "places.overview.last": "latest {date}",
  "places.round.daily": "daily",
  "places.round.weekly": "every {day}",
  "places.weekday.1": "Monday",
  "places.weekday.2": "Tuesday",
  "places.weekday.3": "Wednesday",
  "places.weekday.4": "Thursday",
  "places.weekday.5": "Friday",
  "places.weekday.6": "Saturday",
  "places.weekday.7": "Sunday",
  "places.zoom_in": "Zoom in",
  "places.zoom_out": "Zoom out",
};
