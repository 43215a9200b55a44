// Translation: Thai by default, English on request. Every user-visible
// string is a key in th.ts and en.ts; i18n.test.ts fails when a key is
// missing from either, or when their {placeholders} differ.

import type { AppError, Language } from "../ipc-types";
import { en } from "./en";
import { th, type MessageKey } from "./th";

export type { MessageKey };

/** Values substituted for {name} placeholders. */
export type Params = Record<string, string | number>;

const dictionaries: Record<Language, Record<MessageKey, string>> = { th, en };

let current = $state<Language>("th");

/** The current UI language, reactive in components. */
export const locale = {
  get language(): Language {
    return current;
  },
  set language(language: Language) {
    current = language;
    document.documentElement.lang = language;
  },
};

/** Fills {name} placeholders from `params`; unknown ones stay visible. */
export function interpolate(text: string, params: Params = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The text for `key` in the current language. */
export function t(key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[current][key], params);
}

/** Whether `key` is a message key. */
export function hasKey(key: string): key is MessageKey {
  return key in th;
}

/**
 * A translated message for an error from the shell or core. The UI switches
 * on `code` only: the English `message` is shown only for codes that have
 * no translation yet, after the generic text.
 */
export function errorText(error: AppError): string {
  const key = `error.${error.code}`;
  if (hasKey(key)) return t(key, error.details as Params);
  return `${t("error.unknown", { code: error.code })} (${error.message})`;
}

/** What `problemText` needs of a problem found in an imported sheet. */
export interface ProblemLike {
  code: string;
  message: string;
  params: Partial<Record<string, string>>;
}

/**
 * A translated message for a problem found in an imported sheet, by its
 * code, filled from the problem's params (`member_no`, `holder`…). A
 * `field` param is also offered translated, as `field_name`. A placeholder
 * that the problem has no value for reads "–". A problem that an import
 * made from a rule error, such as `credit_used`, takes the error's text.
 * Falls back to the core's English message for a code without a
 * translation.
 */
export function problemText(problem: ProblemLike): string {
  const problemKey = `problem.${problem.code}`;
  const key = hasKey(problemKey) ? problemKey : `error.${problem.code}`;
  if (!hasKey(key)) return problem.message;
  const params: Params = {};
  for (const [name, value] of Object.entries(problem.params)) {
    if (value !== undefined) params[name] = value;
  }
  const field = problem.params.field;
  if (field !== undefined) {
    const fieldKey = `import.field.${field}`;
    params.field_name = hasKey(fieldKey) ? t(fieldKey) : field;
  }
  return interpolate(dictionaries[current][key], params).replace(/\{\w+\}/g, "–");
}
