// Public API of src/compiler/ir.
export {};
