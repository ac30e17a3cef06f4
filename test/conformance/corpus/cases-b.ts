// Upstream corpus pipelines ported to TypeScript (share b of the corpus): see corpus.ts.
import { CorpusCase, NotPorted } from './corpus';

export const CASES_B: CorpusCase[] = [];

export const NOT_PORTED_B: NotPorted[] = [];
