// Form values as the shell takes them.

/** Returns null for text that is empty or only spaces, and the text otherwise. */
export function blankToNull(text: string): string | null {
  return text.trim() === "" ? null : text;
}

/** Formats grams as kilograms with one to three decimals: 12500 gives "12.5". */
export function formatKg(grams: number): string {
  const kg = (grams / 1000).toFixed(3).replace(/0{1,2}$/, "");
  const [whole = "0", fraction = "0"] = kg.split(".");
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}
