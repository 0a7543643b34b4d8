// Parses Mermaid diagrams with Mermaid's own parser (mermaid 11 on jsdom),
// the one a git forge renders with, and tells what it read.
//
//   node mermaid-gantt.mjs FILE...      one diagram per file
//   node mermaid-gantt.mjs -            a JSON list of {"name", "text"} on stdin
//
// Prints one JSON object a line: {"name", "ok", "type", "displayMode",
// "title", "sections": [...], "tasks": [{"section", "task"}], "error"}.
// Exits 0 when every diagram parsed, 1 otherwise.
import { JSDOM } from "jsdom";
import fs from "fs";

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
for (const k of ["navigator", "Element", "HTMLElement", "SVGElement", "DOMParser", "Node"]) {
  try {
    globalThis[k] = dom.window[k];
  } catch {}
}
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const args = process.argv.slice(2);
const inputs =
  args[0] === "-"
    ? JSON.parse(fs.readFileSync(0, "utf8"))
    : args.map((f) => ({ name: f, text: fs.readFileSync(f, "utf8") }));

async function read(text) {
  const { diagramType, config } = await mermaid.parse(text);
  const out = { ok: true, type: diagramType, displayMode: config?.gantt?.displayMode ?? null };
  if (diagramType === "gantt") {
    const d = await mermaid.mermaidAPI.getDiagramFromText(text);
    out.title = d.db.getDiagramTitle();
    out.sections = d.db.getSections();
    out.tasks = d.db.getTasks().map((t) => ({ section: t.section, task: t.task }));
  }
  return out;
}

let failed = 0;
for (const { name, text } of inputs) {
  let line;
  try {
    line = { name, ...(await read(text)) };
  } catch (e) {
    failed++;
    line = { name, ok: false, error: String(e?.message || e).split("\n").slice(0, 4).join(" ") };
  }
  process.stdout.write(JSON.stringify(line) + "\n");
}
process.exit(failed ? 1 : 0);
