// English messages of the map: zones, households and collection points.

import type { places as thai } from "./th.places";

export const places: Record<keyof typeof thai, string> = {
  "error.coordinate_not_finite":
    "Coordinate {value} is not a number. Check the coordinates in the file or place the pin again.",
  "error.coordinate_not_degrees":
    "Position ({lon}, {lat}) is not a longitude and latitude in degrees (it may be UTM). Save the layer in WGS84 (EPSG:4326) and import it again.",
  "error.coordinate_swapped":
    "Position ({lon}, {lat}) lies outside Thailand, and inside it with latitude and longitude swapped. Write the longitude (about 100) before the latitude (about 7).",
  "error.coordinate_outside_thailand":
    "Position ({lon}, {lat}) lies outside Thailand (longitude 97.3 to 105.7, latitude 5.6 to 20.5, approximately). Check the coordinates.",
  "error.pin_outside_image":
    "The pin at ({x}, {y}) lies outside the {width} × {height} pixel map image. Place it on the image.",
  "error.polygon_empty": "The zone's outline has no points. Draw it again.",
  "error.ring_too_short":
    "{ring} has only {positions} points. An outline needs at least 3 corners (4 points with the closing one). Draw it again.",
  "error.ring_not_closed":
    "{ring} is not closed: its last point must be its first. Draw it all the way round.",
  "error.ring_self_intersects":
    "{ring} crosses itself near ({x}, {y}). Fix the outline so that its edges do not cross or overlap.",
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
  "error.point_exists":
    "The community already has a collection point with this name. Choose another name.",
};
