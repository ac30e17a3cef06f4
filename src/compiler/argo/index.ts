// Public API of src/compiler/argo.
export {};
