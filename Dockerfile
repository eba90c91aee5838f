# One image for every app; APP selects which one runs (reports, webhook-registry, dispatcher, ingest, gateway).

# Build stage: every dependency (the compiler is a dev dependency) and the sources, compiled to dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the build needs runs one (swc's native binary is an optional dependency).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm run build

# Runtime stage: production dependencies and the built JavaScript only; no sources, no compiler.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY tools/docker/healthcheck.js ./tools/docker/healthcheck.js
USER node
ENV APP=gateway HOST=0.0.0.0 NO_COLOR=1
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "tools/docker/healthcheck.js"]
CMD ["sh", "-c", "exec node dist/apps/$APP/apps/$APP/src/main.js"]
