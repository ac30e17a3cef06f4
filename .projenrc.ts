import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-kfp',
  description: 'cdk8s constructs for Kubeflow Pipelines v2: pipelines compiled to KFP IR and Argo, the KFP 2.17 standalone install, GitOps deployment and the production platform layer.',
  author: 'cdk8s-kfp authors',
  authorAddress: 'cdk8s-kfp@example.com',
  repositoryUrl: 'https://example.com/cdk8s-kfp.git',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  keywords: ['cdk8s', 'kubeflow', 'kfp', 'kubeflow-pipelines', 'argo-workflows', 'mlops', 'gitops'],

  // Versions pinned per ../shared/TOOLCHAIN.md. Don't set typescriptVersion (trap 5).
  cdk8sVersion: '2.68.12',
  constructsVersion: '10.3.0',
  jsiiVersion: '~6.0.16',
  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // Non-jsii runtime dependencies are bundled. @viz-js/viz (Graphviz in WebAssembly) draws the
  // pipeline pictures; it is pinned so that a given cdk8s-kfp version draws byte-identical SVGs.
  bundledDeps: ['yaml@^2.8.1', '@viz-js/viz@3.31.0'],
  devDeps: [
    'cdk8s-cli@2.207.60',
    'kubernetes-models@5.1.0',
    '@kubernetes-models/argo-workflows@2.0.0',
    '@kubernetes-models/karpenter@2.0.0',
    '@kubernetes-models/prometheus-operator@6.0.0',
    '@kubernetes-models/external-secrets@2.0.0',
    'fast-check@^3',
    'ajv@^8',
    // The picture tests render the SVG and the Mermaid page in Debian's Chromium.
    'playwright-core@^1.65.2',
    'mermaid@^11.17.2',
  ],
  // `cdk8s-kfp-dag <pipeline.yaml> [-o out.svg|.md]` draws any KFP IR file.
  bin: { 'cdk8s-kfp-dag': 'lib/bin/cdk8s-kfp-dag.js' },

  github: false,
  release: false,
  depsUpgrade: false,
  pullRequestTemplate: false,

  // Trap 2: a snapshot mismatch must fail; Trap 3: type-check tests.
  typecheckTests: true,
  jestOptions: {
    coverageText: false,
    junitReporting: false,
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testEnvironment: 'node',
      collectCoverage: false,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // A fresh score file and a temp dir of the run's own, checked for leftovers at the end.
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/cleanup.ts'],
      // Jest's transform cache is a cache, not a temp file: keep it out of the temp dir.
      cacheDirectory: '<rootDir>/node_modules/.cache/jest',
      // Conformance suites print their score lines; keep them visible.
      verbose: false,
    },
  },
});

// Trap 1: the registry here lacks some unrs-resolver@1.13 platform builds.
project.package.addPackageResolutions('unrs-resolver@1.12.2');
// Trap 4: generated imports are not linted.
project.eslint?.addIgnorePattern('src/imports/');
project.eslint?.addIgnorePattern('examples/dist/');

// ESM-only schema validators are loaded with dynamic import() inside jest.
const testTask = project.tasks.tryFind('test');
testTask?.env('NODE_OPTIONS', '--experimental-vm-modules --max-old-space-size=4096');
project.tasks.tryFind('test:watch')?.env('NODE_OPTIONS', '--experimental-vm-modules');

// Tests compile examples and test helpers too, so include them in the dev tsconfig.
project.tsconfigDev.addInclude('../examples/**/*.ts');
project.tsconfigDev.addInclude('../bench/**/*.ts');
project.tsconfigDev.addInclude('../scripts/**/*.ts');

// `npm run examples`: synthesize every examples/<name>/main.ts with the cdk8s CLI into examples/dist/.
project.addTask('examples', {
  description: 'Synthesize every example app into examples/dist/',
  exec: 'node scripts/synth-examples.js',
});
// `npm run bench`: compile-performance figures.
project.addTask('bench', {
  description: 'Print benchmark figures (compile, emit, RSS)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json bench/run.ts',
});

// `npm run pictures`: redraw the pictures committed under docs/images/ (a test checks they are current).
project.addTask('pictures', {
  description: 'Redraw the pipeline pictures committed under docs/images/',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/docs-pictures.ts',
});

project.gitignore.exclude('examples/dist/', '/test-reports/');
project.npmignore?.exclude('examples/', 'bench/', 'scripts/', 'docs/', '.ci/');

project.synth();
