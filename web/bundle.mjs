// Bundles the page (www/main.js) with esbuild into one script, with every
// file of examples/ and its subfolders embedded (the virtual module "voorbeelden") and the
// wasm-bindgen glue (the module "reglement-wasm").
//
//   node web/bundle.mjs PKG_DIR OUT_DIR     (called by web/build.sh)
import * as esbuild from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [pkg, out] = process.argv.slice(2);
const examples = path.join(here, "..", "examples");

const voorbeelden = {
  name: "voorbeelden",
  setup(build) {
    build.onResolve({ filter: /^voorbeelden$/ }, () => ({ path: "voorbeelden", namespace: "voorbeelden" }));
    build.onLoad({ filter: /.*/, namespace: "voorbeelden" }, () => {
      // subfolders too, by their path from examples/ with "/" (the members
      // in kempen-leden/ name their frame "../kempen-regio.reglement")
      const files = {};
      const walk = (dir, prefix) => {
        for (const name of fs.readdirSync(dir).sort()) {
          const p = path.join(dir, name);
          const st = fs.statSync(p);
          if (st.isFile()) files[prefix + name] = fs.readFileSync(p, "utf8");
          else if (st.isDirectory()) walk(p, prefix + name + "/");
        }
      };
      walk(examples, "");
      return { contents: "export default " + JSON.stringify(files) + ";", loader: "js", watchFiles: [] };
    });
    build.onResolve({ filter: /^reglement-wasm$/ }, () => ({ path: path.resolve(pkg, "reglement_web.js") }));
  },
};

await esbuild.build({
  entryPoints: [path.join(here, "www", "main.js")],
  bundle: true,
  format: "iife",
  target: "es2020",
  minify: true,
  legalComments: "none",
  define: { "import.meta.url": "document.baseURI" },
  outfile: path.join(out, "pagina.js"),
  plugins: [voorbeelden],
  logLevel: "warning",
});
