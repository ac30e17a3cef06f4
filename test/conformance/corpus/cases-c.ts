// Upstream corpus pipelines ported to TypeScript (share c of the corpus): see corpus.ts.
import { CorpusCase, NotPorted } from './corpus';

export const CASES_C: CorpusCase[] = [];

export const NOT_PORTED_C: NotPorted[] = [];
