// Public API of src/deploy.
export * from './argo';
