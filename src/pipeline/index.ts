// Public API of src/pipeline. Each concept lives in its own file; export it here.
export * from './source';
export * from './placement';
