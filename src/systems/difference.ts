// One field that differs between our version of a record and a system's: what conflicts carry.

/** A dotted path in the unified record (`lines[2].unitPrice`, `status`) and both values. */
export interface Difference {
  field: string;
  /** Our value (what the gateway would write), as JSON: decimals as strings, absent as null. */
  local: unknown;
  /** The value the system holds. */
  remote: unknown;
}
