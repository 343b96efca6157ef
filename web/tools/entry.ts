/**
 * The tools script's entry: mounts every tool on the calculator's page at once (they are fetched
 * together, the first time any is used) and follows the calculator's changes. Built as a classic
 * script (`vite.tools.config.ts`) that sets one global, so it loads from file:// as well.
 */
import { faultComponents } from "../../src/diagnose/fault-components.js";
import { mountConfigPaste, readDroppedConfig, updatePasteKind } from "./config-paste.js";
import { mountDiagnoseBox } from "./diagnose-box.js";
import type { PageHost, Tools } from "./host.js";
import { mountInside, updateInside } from "./inside.js";
import { mountMigrate, updateMigrate } from "./migrate-panel.js";

export function mountTools(host: PageHost): Tools {
  let flink = host.flink();
  updatePasteKind(host);
  mountConfigPaste(host);
  mountMigrate(host);
  mountInside(host);
  const diagnoseBox = mountDiagnoseBox({
    flink: () => host.flink(),
    // Both processes' options, as a failed cluster's config file holds both.
    configuration: () => ({ flink: host.flink(), dynamic: host.pairs("both") }),
    chooseFlink: () => host.chooseFlink(),
    showFindings: (findings) => {
      const process = host.process() === "tm" ? "taskmanager" : "jobmanager";
      const at = findings.filter((f) => faultComponents(f, process).length > 0);
      host.markFaults([...new Set(at.flatMap((f) => faultComponents(f, process)))], at.map((f) => f.kind).join(", "));
    },
  });
  // A panel opened before the script arrived shows its content now.
  updateMigrate(host);
  updateInside(host);
  return {
    changed() {
      // "Read as" follows a version switch only: otherwise it keeps the user's choice.
      if (host.flink() !== flink) {
        flink = host.flink();
        updatePasteKind(host);
      }
      updateMigrate(host);
      updateInside(host);
      diagnoseBox.refresh();
    },
    drop(target, file) {
      void (target === "paste" ? readDroppedConfig(file, host) : diagnoseBox.drop(file));
    },
  };
}
