// Compilers: pure functions from the model to plain objects. No cdk8s import here.
export * from './yaml';
export * from './ir';
export * from './argo';
export * from './dag';
