// A sketch map's image, which the shell sends as raw bytes, turned into a
// data: URL for Leaflet's image overlay. The window's content security
// policy lets images load from the app itself and from data: URLs.

/** Bytes encoded per call of `String.fromCharCode`, below engines' argument limits. */
const CHUNK = 0x8000;

/** Encodes `bytes` as a data: URL of type `mime`. */
export function toDataUrl(bytes: Uint8Array, mime: string): string {
  let binary = "";
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return `data:${mime};base64,${btoa(binary)}`;
}
