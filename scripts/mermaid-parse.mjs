// Parses Mermaid files with Mermaid's own parser: node mermaid-parse.mjs FILE...
import { JSDOM } from "jsdom";
import fs from "fs";
const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
globalThis.window = dom.window; globalThis.document = dom.window.document;
for (const k of ["navigator", "Element", "HTMLElement", "SVGElement", "DOMParser", "Node"]) { try { globalThis[k] = dom.window[k]; } catch {} }
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });
for (const f of process.argv.slice(2)) {
  const text = fs.readFileSync(f, "utf8");
  try {
    const r = await mermaid.parse(text);
    console.log(f, "OK", r && r.diagramType);
  } catch (e) {
    console.log(f, "ERROR", String(e.message || e).split("\n")[0]);
  }
}
