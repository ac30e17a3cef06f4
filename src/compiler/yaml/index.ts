// Public API of src/compiler/yaml.
export {};
