// Runs lite_scripts.py inside Pyodide under Node.js, as xlwings Lite runs Python in Excel.
//
//   node run_pyodide.mjs PACKAGE REPO_DIR WORK_DIR REQUEST.json RESULT.json
//
// PACKAGE is the npm name Pyodide is installed under (package.json: "pyodide" is 0.27.5,
// "pyodide-314" is 314.0.x).
// REPO_DIR (the checkout, for roadmap_tools and this folder) and WORK_DIR (request, wheels,
// result) are mounted into Pyodide's file system; paths in the request are WORK_DIR-relative
// paths under /work. Pyodide loads from node_modules/pyodide only: no network, no CDN.
const [pkg, repoDir, workDir, request, result] = process.argv.slice(2);
const { loadPyodide } = await import(pkg);
const pyodide = await loadPyodide();
for (const [root, mountpoint] of [[repoDir, "/repo"], [workDir, "/work"]]) {
  pyodide.FS.mkdirTree(mountpoint);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root }, mountpoint);
}
pyodide.globals.set("REQUEST", `/work/${request}`);
pyodide.globals.set("RESULT", `/work/${result}`);
await pyodide.runPythonAsync(`
import sys
sys.path[:0] = ["/repo", "/repo/tests/lite"]
import lite_scripts
await lite_scripts.main(REQUEST, RESULT)
`);
