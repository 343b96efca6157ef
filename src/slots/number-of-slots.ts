/** The number of slots a TaskManager offers (`ConfigurationParserUtils.getSlot`). @module */
import { illegalConfig } from "../errors.js";
import type { Configuration } from "../config/configuration.js";

/** `-1` (found in many old configurations) means 1; anything else below 1 fails. */
export function numberOfSlots(config: Configuration): number {
  const option = config.options.get<"int">("tm.slots");
  let slots = config.get(option)!;
  if (slots === -1) slots = 1;
  if (slots < 1) {
    throw illegalConfig(`Invalid configuration value for ${option.key} : ${slots} - Number of task slots must be at least one.`, { key: option.key });
  }
  return slots;
}
