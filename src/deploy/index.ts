// Public API of src/deploy. Each concept lives in its own file; export it here.
export {};
