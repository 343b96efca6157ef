/**
 * Fetches the tools script (paste a file, migrate, inside the TaskManager, diagnose) the first
 * time the user moves towards one of them, so the calculator itself starts with only its own
 * code. The script is a file next to the page, named by its content (`__TOOLS_FILE__`), so a
 * cached page never meets tools of another build. A click, a drop or a paste that comes before
 * the script has arrived is kept and handed over once it has.
 */
import { $ } from "./dom.js";
import { TOOLS_GLOBAL, type DropTarget, type PageHost, type Tools, type ToolsModule } from "./tools/host.js";

declare const __TOOLS_FILE__: string;

/** The tools' boxes: moving towards any of them fetches the script. */
const AREAS = ["paste", "migrate", "inside", "diagnose"];
/** Where each tool says that it could not load. */
const STATUS = ["paste-status", "migrate-summary", "slots-summary", "diagnose-summary"];
const DROPS: Record<string, DropTarget> = { "paste-text": "paste", "diagnose-paste": "diagnose" };

let tools: Tools | undefined;
let loading: Promise<Tools> | undefined;

/** The tools, once loaded (the calculator tells them of its changes). */
export function loadedTools(): Tools | undefined {
  return tools;
}

async function fetchTools(): Promise<ToolsModule> {
  // The dev server serves the modules themselves.
  if (import.meta.env.DEV) return import("./tools/entry.js");
  await new Promise<void>((ok, fail) => {
    const script = document.createElement("script");
    script.src = __TOOLS_FILE__;
    script.onload = () => ok();
    script.onerror = () => fail(new Error(`${__TOOLS_FILE__} could not be loaded`));
    document.head.append(script);
  });
  const module = (globalThis as Record<string, unknown>)[TOOLS_GLOBAL] as ToolsModule | undefined;
  if (!module) throw new Error(`${__TOOLS_FILE__} did not define the tools`);
  return module;
}

export function loadTools(host: PageHost): Promise<Tools> {
  loading ??= fetchTools().then(
    (module) => {
      tools = module.mountTools(host);
      document.documentElement.dataset.tools = "ready";
      return tools;
    },
    (e: Error) => {
      loading = undefined;
      for (const id of STATUS) $(id).textContent = `This tool could not start: ${e.message}. The page's tools are a file next to it (${__TOOLS_FILE__}); keep both together.`;
      throw e;
    },
  );
  return loading;
}

export function watchToolAreas(host: PageHost): void {
  const load = () => void loadTools(host).catch(() => {});
  for (const id of AREAS) {
    const area = $(id);
    for (const type of ["focusin", "pointerenter", "dragenter", "toggle"]) area.addEventListener(type, load);
    // A tool's button pressed before the script arrived: pressed again once it has.
    area.addEventListener("click", (e) => {
      const button = (e.target as Element).closest("button");
      if (tools || !button || button.classList.contains("copy")) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      void loadTools(host).then(() => button.click(), () => {});
    }, true);
  }
  for (const [id, target] of Object.entries(DROPS)) {
    const box = $(id);
    // Without this, a dropped file replaces the page (and whatever was pasted) with itself.
    box.addEventListener("dragover", (e) => {
      e.preventDefault();
      box.classList.add("dragging");
    });
    box.addEventListener("dragleave", () => box.classList.remove("dragging"));
    box.addEventListener("drop", (e) => {
      const file = e.dataTransfer?.files[0];
      box.classList.remove("dragging");
      if (!file) return;
      e.preventDefault();
      void loadTools(host).then((t) => t.drop(target, file), () => {});
    });
  }
}
