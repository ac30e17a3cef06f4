// The IR conformance cases (test/conformance/ir) are upstream corpus pipelines too: run them
// against the oracle with the other ported cases.
import * as fs from 'fs';
import * as path from 'path';
import { CorpusCase, corpusPaths, corpusPy } from './corpus';
import { COMPONENT_CASES } from '../ir/cases-components';
import { CONTROL_FLOW_CASES } from '../ir/cases-control-flow';
import { loadGolden } from '../ir/harness';

/** The corpus path of a golden (the corpus keeps a few files one folder up or down). */
function corpusPathOf(golden: string): string {
  if (fs.existsSync(corpusPy(golden))) return golden;
  const same = corpusPaths().filter((p) => path.basename(p) === path.basename(golden));
  if (same.length !== 1) throw new Error(`no single corpus file for golden ${golden}: ${JSON.stringify(same)}`);
  return same[0];
}

/**
 * IR cases whose golden no longer matches its Python file: upstream renamed the pipeline in the
 * `.py` (`pipeline-with-parallelfor-parallelism`) without recompiling the golden
 * (`pipeline-with-loops`). The corpus port follows the `.py` (cases-*.ts).
 */
const STALE_GOLDENS = ['pipeline_with_parallelfor_parallelism'];

/** The IR cases as corpus cases (built lazily: the corpus and goldens are read only when a suite runs). */
export function irCorpusCases(): CorpusCase[] {
  return [...COMPONENT_CASES, ...CONTROL_FLOW_CASES]
    .filter((c) => !c.golden.startsWith('kubernetes/') && !STALE_GOLDENS.includes(c.golden))
    .map((c) => ({ path: corpusPathOf(c.golden), pipelineName: loadGolden(c.golden).docs[0].pipelineInfo.name, build: c.build }));
}
