// Runs lite_scripts.py inside Pyodide under Node.js, as xlwings Lite runs Python in Excel.
//
//   node run_pyodide.mjs PACKAGE WORK_DIR REQUEST.json RESULT.json
//
// PACKAGE is the npm name Pyodide is installed under (package.json: "pyodide" is 0.27.5,
// "pyodide-314" is 314.0.x).
// This folder (for lite_scripts.py) and WORK_DIR (request, wheels, result) are mounted into
// Pyodide's file system; roadmap_tools comes from its wheel in the request, not from the
// checkout. Pyodide loads from node_modules only: no network, no CDN.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

const [pkg, workDir, request, result] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const { loadPyodide } = await import(pkg);
const pyodide = await loadPyodide();
for (const [root, mountpoint] of [[here, "/lite"], [workDir, "/work"]]) {
  pyodide.FS.mkdirTree(mountpoint);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, mountpoint);
}
pyodide.globals.set("REQUEST", `/work/${request}`);
pyodide.globals.set("RESULT", `/work/${result}`);
await pyodide.runPythonAsync(`
import sys
sys.path.insert(0, "/lite")
import lite_scripts
await lite_scripts.main(REQUEST, RESULT)
`);
