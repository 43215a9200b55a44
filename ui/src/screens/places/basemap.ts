// The online basemap's tile URL, checked as the shell checks it before
// saving, so that the form shows what is wrong before it is sent.

/**
 * Checks whether `url` is an `https://` URL with a host and the `{z}`,
 * `{x}` and `{y}` placeholders of a tile template. The window's content
 * security policy lets images load from `https:` only.
 */
export function isTileUrl(url: string): boolean {
  const trimmed = url.trim();
  if (!trimmed.startsWith("https://")) return false;
  const host = trimmed.slice("https://".length);
  const hasHost = host !== "" && !host.startsWith("/");
  return hasHost && ["{z}", "{x}", "{y}"].every((placeholder) => trimmed.includes(placeholder));
}
