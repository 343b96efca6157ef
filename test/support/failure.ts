// The FlinkError a call throws; anything else (or no failure) fails the test.
import { FlinkError } from "../../src/errors.js";

export function failure(f: () => unknown): FlinkError {
  try {
    f();
  } catch (e) {
    if (e instanceof FlinkError) return e;
    throw e;
  }
  throw new Error("expected a FlinkError");
}
