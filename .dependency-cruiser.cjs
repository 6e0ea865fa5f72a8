// The layers of courant and the rules between them, checked by `npm run lint` (dependency-cruiser reads relative
// imports too, which the ESLint rule does not). The picture and the reasons are in docs/architecture.md.
//
//   core            the domain model; imports nothing
//   domain          rules and analytics: consent, accounts, oauth, analytics, reveal, tariffs, tic, importers, enedis,
//                   statistics, privacy
//   ports           the interfaces use cases need (reading store, repositories, byte sources, signing key)
//   use-cases       what the hub does, written against ports
//   adapters        engines, meters, MQTT, Enedis, files: each implements a port or drives a use case
//   backend         the composition root: the only door to the adapters
//   server, cli     the entry points (HTTP and command line)
//   config          the validated configuration, read once at start
//
// Tests, test support and conformance cases may reach anything under test; eval/ and bench/ may import src/, never
// the reverse.
const DOMAIN = '^src/(analytics|reveal|tariffs|consent|accounts|oauth|tic|importers|enedis|statistics|privacy)/';
const TESTS = '(\\.test\\.ts$|\\.case\\.ts$|test-support\\.ts$|test-hub\\.ts$|damage-support\\.ts$|test-events\\.ts$)';
const IO =
  '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|worker_threads|cluster|dgram|dns|tls|os|readline|process|vm)$';
const IO_PACKAGES = '^(@duckdb|@clickhouse|serialport|@serialport|mqtt|fastify|@fastify|pino)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module cycles (a cycle made only of type imports vanishes at run time and is allowed).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'core-imports-nothing',
      severity: 'error',
      comment: 'core/ is the domain model: it imports nothing outside core/, not even a package.',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { pathNot: ['^src/core/'] },
    },
    {
      name: 'domain-is-platform-free',
      severity: 'error',
      comment: 'Rules and analytics take values and return values: no I/O, no ports, no use case, no adapter.',
      from: { path: DOMAIN, pathNot: TESTS },
      to: { path: ['^src/(ports|use-cases|adapters|backend|server|cli|config)/', '^eval/'] },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      comment: 'Rules and analytics never touch files, sockets, threads or engines.',
      from: { path: [DOMAIN, '^src/core/', '^src/ports/'], pathNot: TESTS },
      to: { dependencyTypes: ['core', 'npm'], path: [IO, IO_PACKAGES] },
    },
    {
      name: 'domain-folders-apart',
      severity: 'error',
      comment:
        'Each domain folder stands on core/ alone (any may use consent/ and privacy/, which stand on core/ alone): no cycle can form between them.',
      from: {
        path: '^src/(analytics|reveal|tariffs|consent|accounts|oauth|tic|importers|enedis|statistics|privacy)/',
        pathNot: TESTS,
      },
      to: { path: DOMAIN, pathNot: ['^src/$1/', '^src/consent/', '^src/privacy/'] },
    },
    {
      name: 'consent-stands-alone',
      severity: 'error',
      comment: 'The consent rules depend on the model only.',
      from: { path: '^src/consent/', pathNot: TESTS },
      to: { path: DOMAIN, pathNot: '^src/consent/' },
    },
    {
      name: 'privacy-stands-alone',
      severity: 'error',
      comment: 'The noise samplers and the privacy accounting depend on the model only.',
      from: { path: '^src/privacy/', pathNot: TESTS },
      to: { path: DOMAIN, pathNot: '^src/privacy/' },
    },
    {
      name: 'ports-are-interfaces',
      severity: 'error',
      comment: 'A port names what a use case needs; it knows neither the use cases nor the adapters.',
      from: { path: '^src/ports/', pathNot: TESTS },
      to: { path: '^src/(use-cases|adapters|backend|server|cli|config)/' },
    },
    {
      name: 'use-cases-through-ports',
      severity: 'error',
      comment:
        'Use cases reach storage, meters, MQTT and Enedis through ports; the composition root hands them adapters.',
      from: { path: '^src/use-cases/', pathNot: TESTS },
      to: { path: '^src/(adapters|backend|server|cli)/' },
    },
    {
      name: 'adapters-only-through-the-root',
      severity: 'error',
      comment: 'Only the composition root (backend/) builds adapters; entry points and use cases ask it.',
      from: { path: '^src/', pathNot: ['^src/(adapters|backend)/', TESTS] },
      to: { path: '^src/adapters/' },
    },
    {
      name: 'adapters-stay-apart',
      severity: 'error',
      comment: 'An adapter does not reach into another adapter, the root or an entry point.',
      from: { path: '^src/adapters/([^/]+)/', pathNot: TESTS },
      // sql-schema: the relational schema DuckDB and PostgreSQL share (row mappers), for both SQL adapters
      to: { path: '^src/(adapters|backend|server|cli)/', pathNot: ['^src/adapters/$1/', '^src/adapters/sql-schema/'] },
    },
    {
      name: 'root-below-entry-points',
      severity: 'error',
      comment: 'The composition root serves the entry points; it never imports them.',
      from: { path: '^src/backend/', pathNot: TESTS },
      to: { path: '^src/(server|cli)/' },
    },
    {
      name: 'server-does-not-import-cli',
      severity: 'error',
      comment: 'The command line may start the HTTP server; the server never depends on the command line.',
      from: { path: '^src/server/', pathNot: TESTS },
      to: { path: '^src/cli/' },
    },
    {
      name: 'src-never-imports-eval-or-bench',
      severity: 'error',
      comment: 'The evaluation and the benchmarks use the hub; the hub never depends on them.',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '^(eval|bench|test)/' },
    },
    {
      name: 'config-is-read-once',
      severity: 'error',
      comment: 'config/ validates settings; it depends on the model and the rules only.',
      from: { path: '^src/config/', pathNot: TESTS },
      to: { path: '^src/(use-cases|adapters|backend|server|cli)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
  },
};
