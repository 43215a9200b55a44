// The loan purposes' codes in the order the forms list them, as the core's
// loan_purposes table stores them. Their names are the messages
// fund.purpose.<code>.

export const LOAN_PURPOSES = [
  "trade",
  "occupation",
  "home",
  "education",
  "vehicle",
  "emergency",
  "other",
] as const;
