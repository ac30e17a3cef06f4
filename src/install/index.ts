// Public API of src/install. Each concept lives in its own file; export it here.
export {};
