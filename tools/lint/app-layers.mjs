/**
 * The layers inside an app, as eslint-plugin-boundaries elements and policies: `@nx/enforce-module-boundaries`
 * keeps apps and libs apart; this keeps the floor plan inside each app (`<feature>/api`, `use-cases`,
 * `domain`, `store`, as the webhook registry has it).
 *
 * - domain is pure: it imports no api, use case or store;
 * - a store imports no api or use case, a use case no api;
 * - a feature uses another feature's `domain/` and flat files, never its `api/`, `use-cases/` or `store/`;
 *   wiring it together is the job of the `*.module.ts` files and the app root (`app.module.ts`, `main.ts`).
 *   A feature that needs another's store declares a port in its own `domain/` (an interface, or an abstract
 *   class as the Nest token) that the other's store implements, and its module wires the two; what belongs
 *   to no feature (the dispatcher's SQL client, the ingest schema) lives at the app root or in a folder of
 *   its own (`storage/`).
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
];
