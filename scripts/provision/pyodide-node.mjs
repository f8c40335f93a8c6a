// Pyodide in Node for build-time Python work (repacking and precompiling wheels), so bytecode is
// produced by exactly the interpreter that will load it in the browser.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export async function startBuildPython(pyodideDir) {
  const { loadPyodide } = await import(join(pyodideDir, 'pyodide.mjs'));
  const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, stdout: () => {}, stderr: () => {} });
  pyodide.FS.mkdirTree('/build');
  pyodide.FS.writeFile('/build/retort_wheels.py', readFileSync(join(here, 'wheels.py'), 'utf8'));
  pyodide.runPython('import sys; sys.path.insert(0, "/build")');
  const wheels = pyodide.pyimport('retort_wheels');
  let mounts = 0;
  // Host folders are mounted into Pyodide's file system at /host/N.
  const mount = (hostPath) => {
    const target = `/host/${mounts++}`;
    pyodide.FS.mkdirTree(target);
    pyodide.mountNodeFS(target, hostPath);
    return target;
  };
  return {
    version: pyodide.version,
    close() {
      for (let i = 0; i < mounts; i++) pyodide.FS.unmount(`/host/${i}`);
    },
    async repackDebian(sitePackages, name, version, top, requires, outDir) {
      const site = mount(sitePackages);
      const out = mount(outDir);
      const path = wheels.repack_debian(site, name, version, pyodide.toPy(top), pyodide.toPy(requires), out);
      return path.split('/').pop();
    },
    async buildTzdata(zonesDir, iana, version, outDir) {
      const zones = mount(zonesDir);
      const out = mount(outDir);
      return wheels.build_tzdata(zones, iana, version, out).split('/').pop();
    },
    async precompile(inDir, inFile, outDir, outFile) {
      const src = mount(inDir);
      const dst = mount(outDir);
      return wheels.precompile(`${src}/${inFile}`, `${dst}/${outFile}`);
    },
  };
}
