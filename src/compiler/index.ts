// Public API of src/compiler. Each concept lives in its own file; export it here.
export {};
