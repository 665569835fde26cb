// The architecture's boundaries, checked by `npm run lint` (dependency-cruiser resolves every import
// to its file, so a rule cannot be dodged by how a relative path is spelled). Why these rules: README,
// "Architecture". test/lint/boundaries.test.ts plants a violation of each and expects the check to fail.

/** Packages the domain may use: pure libraries, no framework, server, driver or I/O (validator: address syntax). */
const DOMAIN_LIBRARIES = ['chrono-node', 'date-fns', '@date-fns/tz', '@date-fns/utc', 'zod', 'validator'];
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Turn handling, channels, agents and routes: what a conversation's logic must not know about. */
const TURN_HANDLING = '^src/(bot|turns|channels|server|agents|handoff)/';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain imports only the domain and its libraries: no framework types, no storage, no I/O.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: [
          '^src/domain/',
          `^node_modules/(${DOMAIN_LIBRARIES.map(escape).join('|')})/`,
        ],
      },
    },
    {
      name: 'dialogs-know-no-turn-handling',
      comment: 'Dialogs ask and understand; they never import turn handling, channels, agents, routes or storage.',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { path: [TURN_HANDLING, '^src/storage/', '^src/app\\.ts$'] },
    },
    {
      name: 'channels-and-routes-know-no-dialogs',
      comment: 'Channels and routes hand activities to the turn runner; what is said comes from dialogs and claim listeners.',
      severity: 'error',
      from: { path: '^src/(channels|directline|server|turns|agents)/' },
      to: { path: '^dialogs/' },
    },
    {
      name: 'sql-only-in-storage',
      comment: 'Every read and write goes through the repositories of src/storage/: the database driver is theirs alone.',
      severity: 'error',
      from: { path: '^(src|dialogs)/', pathNot: '^src/storage/' },
      to: { path: '^node_modules/better-sqlite3/' },
    },
    {
      name: 'patches-only-in-runtime',
      comment: 'Framework patches live in src/runtime/: nobody else hooks require() or reaches into botbuilder internals.',
      severity: 'error',
      from: { pathNot: '^src/runtime/' },
      // a package's own entry point is its public way; a file deep inside its lib/ is an internal
      to: { path: ['^node_modules/pirates/', '^node_modules/(botbuilder[^/]*|botframework-[^/]+)/lib/(?!index\\.js$)'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: split what they share into a third.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
