/**
 * A size printed as text, remembered per field: printing a bigint costs more than the rest of
 * a field, and batches and fix searches (one part changing at a time) print the same values
 * again and again.
 * @module
 */
export class FieldText {
  private last = -1n;
  private text = "";

  constructor(private readonly suffix = "") {}

  /** `${v}${suffix}`, reusing the last text when `v` is the last value. */
  of(v: bigint): string {
    if (v !== this.last) {
      this.last = v;
      this.text = `${v}${this.suffix}`;
    }
    return this.text;
  }
}
