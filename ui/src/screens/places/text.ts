// Form values as the shell takes them.

/** Returns null for text that is empty or only spaces, and the text otherwise. */
export function blankToNull(text: string): string | null {
  return text.trim() === "" ? null : text;
}
