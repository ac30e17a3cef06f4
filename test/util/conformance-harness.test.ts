import { describeConformance } from '../conformance/reference';

// Regression: a suite skipped for missing references must not run its body, because suites read
// the reference files while jest collects their tests.
const body = jest.fn();
describeConformance('a suite without references', body, { referenceDir: undefined, required: false });

describe('describeConformance', () => {
  test('does not run the body of a skipped suite', () => {
    expect(body).not.toHaveBeenCalled();
  });
});

describe('describeConformance when references are required but missing', () => {
  const failing = jest.fn();
  // Collect the required-but-missing suite's single test and run it by hand.
  const tests: Array<[string, () => void]> = [];
  const realDescribe = (global as any).describe;
  const realTest = (global as any).test;
  (global as any).describe = (_: string, fn: () => void) => fn();
  (global as any).test = (n: string, fn: () => void) => tests.push([n, fn]);
  try {
    describeConformance('a required suite', failing, { referenceDir: undefined, required: true });
  } finally {
    (global as any).describe = realDescribe;
    (global as any).test = realTest;
  }

  test('fails with a message that says how to fix it, without running the body', () => {
    expect(tests.map(([n]) => n)).toEqual(['reference material is present']);
    expect(() => tests[0][1]()).toThrow('KFP_CONFORMANCE=required but ../shared/reference was not found (set KFP_REFERENCE_DIR)');
    expect(failing).not.toHaveBeenCalled();
  });
});
