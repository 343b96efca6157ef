/**
 * The page's one state: version, process and the options set, read from the link on load. A
 * first visit starts from the sizes Flink's distribution ships in its conf/config.yaml.
 */
import { decodeState, type PageState } from "./share.js";

export const state: PageState = decodeState(location.hash);
if (location.hash.replace(/^#/, "") === "") {
  state.values.set("taskmanager.memory.process.size", "1728m");
  state.values.set("jobmanager.memory.process.size", "1600m");
}
