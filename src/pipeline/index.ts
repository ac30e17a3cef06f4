// Public API of src/pipeline. Each concept lives in its own file; export it here.
export * from './source';
export * from './sdk-version';
export * from './types';
export * from './io';
export * from './placeholder';
export * from './component';
export * from './reference';
export * from './values';
export * from './condition';
export * from './task-group';
export * from './task';
export * from './importer';
export * from './if';
export * from './parallel-for';
export * from './exit-handler';
export * from './pipeline';
