/**
 * The upstream IR files the picture suites draw: kfp SDK goldens and the backend's IR test files
 * (`../shared/reference`), and optionally the kfp corpus (`../shared/oracle`). Only call inside a
 * conformance suite (describeConformance).
 */
import * as fs from 'fs';
import * as path from 'path';
import { readIrFile } from '../compiler/argo/ir-files';
import { ref } from '../conformance/reference';
import { CORPUS_DIR } from '../oracle/kfp-oracle';

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : e.name.endsWith('.yaml') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** Each upstream pipeline IR (files that hold a component alone are left out). */
export function upstreamPipelines(options: { corpus: boolean }): Array<{ file: string; ir: any }> {
  const dirs = [ref('kfp-ir', 'cases'), ref('kfp-backend', 'compiled-workflows', 'ir')];
  if (options.corpus) {
    if (CORPUS_DIR) dirs.push(path.join(CORPUS_DIR, 'valid'));
    else process.stdout.write('the kfp corpus (../shared/oracle) is missing: drawing the reference only\n');
  }
  return dirs.flatMap(yamlFiles).map((file) => ({ file, ir: readIrFile(file).ir })).filter((x) => x.ir?.root?.dag);
}
