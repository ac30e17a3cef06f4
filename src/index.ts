// cdk8s-kfp public API. Each folder owns one part of the product; see docs/architecture.md.
export * from './pipeline';
export * from './compiler';
export * from './install';
export * from './deploy';
export * from './platform';
