/**
 * The layers inside an app, as eslint-plugin-boundaries elements and policies: `@nx/enforce-module-boundaries`
 * keeps apps and libs apart; this keeps the floor plan inside each app (`<feature>/api`, `use-cases`,
 * `domain`, `store`, as the webhook registry has it).
 *
 * - domain is pure: it imports no api, use case or store;
 * - a store imports no api or use case, a use case no api;
 * - a feature uses another feature's `domain/` and flat files, never its `api/`, `use-cases/` or `store/`;
 *   wiring it together is the job of the `*.module.ts` files and the app root (`app.module.ts`, `main.ts`).
 *
 * Features not yet split into layers (flat files) are one `feature` element: the cross-feature rule still
 * protects the layers of the others.
 */
const LAYERS = ['api', 'use-cases', 'domain', 'store'];

/** Folders; the first that holds a file is its element, so the narrowest come first. */
export const appLayerElements = [
  ...LAYERS.map((layer) => ({
    type: layer,
    pattern: `apps/*/src/*/${layer}`,
    partialMatch: false,
    capture: ['app', 'feature'],
  })),
  { type: 'feature', pattern: 'apps/*/src/*', partialMatch: false, capture: ['app', 'feature'] },
  { type: 'app-root', pattern: 'apps/*/src', partialMatch: false, capture: ['app'] },
];

const another = (types) => ({
  to: { element: { types, captured: { feature: '!{{ from.element.captured.feature }}' } } },
});

/**
 * Imports that break a rule today and are too big to move in the change that added it: each one names the
 * file pair and why it stays for now. Remove an entry when its import goes.
 */
export const appLayerAllowList = [
  {
    // The dispatcher's schema has one SQL client, kept in deliveries/store; the features that own other
    // dispatcher tables (failure streaks, rate buckets, signing keys) use it until it moves to a shared store.
    from: ['auto-disable', 'scheduling', 'signing'],
    to: 'deliveries/store/sql-client.ts',
  },
  {
    // Auto-disable re-publishes a recovered webhook's failed deliveries: it reads them through the delivery
    // store rather than duplicating its SQL.
    from: ['auto-disable'],
    to: 'deliveries/store/delivery-store.ts',
  },
  {
    // NetBox 4.6 event rules are stored as webhooks (one table, one stream per webhook): the event-rules
    // use cases read and append through the webhooks store until it is promoted to a shared store/.
    from: ['event-rules'],
    to: 'webhooks/store/*.ts',
  },
  {
    // Ingest checks each hook against its registered source; a `sources` use case to ask instead is the fix.
    from: ['netbox-hooks'],
    to: 'sources/store/source-store.ts',
  },
];

export const appLayerPolicies = [
  {
    from: { element: { type: 'domain' } },
    disallow: { to: { element: { types: ['api', 'use-cases', 'store'] } } },
  },
  { from: { element: { type: 'store' } }, disallow: { to: { element: { types: ['api', 'use-cases'] } } } },
  { from: { element: { type: 'use-cases' } }, disallow: { to: { element: { type: 'api' } } } },
  {
    from: { element: { types: [...LAYERS, 'feature'] } },
    disallow: another(['api', 'use-cases', 'store']),
  },
  // Nest modules wire features together: they may name another feature's controllers and stores.
  {
    from: { file: { path: '**/*.module.ts' } },
    allow: { to: { element: { types: ['api', 'use-cases', 'store'] } } },
  },
  ...appLayerAllowList.map(({ from, to }) => ({
    from: { element: { captured: { feature: from } } },
    allow: { to: { file: { path: `**/apps/*/src/${to}` } } },
  })),
];
