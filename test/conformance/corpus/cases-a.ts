// Upstream corpus pipelines ported to TypeScript (share a of the corpus): see corpus.ts.
import { CorpusCase, NotPorted } from './corpus';

export const CASES_A: CorpusCase[] = [];

export const NOT_PORTED_A: NotPorted[] = [];
