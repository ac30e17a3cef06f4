// Public API of src/platform. Each concept lives in its own file; export it here.
export {};
