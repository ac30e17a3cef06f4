#!/usr/bin/env node
// `cdk8s-kfp-dag <pipeline.yaml> [-o out.svg|out.md]`: draws a KFP pipeline file. See dag-cli.ts.
import { runDagCli } from './dag-cli';

process.exitCode = runDagCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
