#!/usr/bin/env node
// Synthesizes every examples/<name>/main.ts with the cdk8s CLI into examples/dist/.
// The CLI empties its output directory, so each app is synthesized into its own
// temporary directory and its files are then moved into examples/dist/.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const examplesDir = path.join(root, 'examples');
// EXAMPLES_OUT redirects the output (tests synthesize into a temporary directory).
const dist = process.env.EXAMPLES_OUT ? path.resolve(process.env.EXAMPLES_OUT) : path.join(examplesDir, 'dist');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv.slice(2);

const apps = fs.readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'dist' && fs.existsSync(path.join(examplesDir, d.name, 'main.ts')))
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

if (apps.length === 0) {
  console.error('no example apps found (examples/<name>/main.ts)');
  process.exit(1);
}

if (only.length === 0) fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });

for (const app of apps) {
  const tmp = path.join(dist, `.tmp-${app}`);
  const started = Date.now();
  const command = `${bin('ts-node')} --transpile-only --project test/tsconfig.json examples/${app}/main.ts`;
  try {
    execFileSync(bin('cdk8s'), ['synth', '--no-check-upgrade', '--app', command, '--output', tmp], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    console.error(`example ${app}: synthesis failed`);
    process.exit(1);
  }
  const files = fs.readdirSync(tmp).sort();
  for (const file of files) {
    const target = path.join(dist, file);
    if (fs.existsSync(target)) {
      console.error(`example ${app}: ${file} is already written by another example; give the chart a unique name`);
      process.exit(1);
    }
    fs.renameSync(path.join(tmp, file), target);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`example ${app}: ${files.join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
