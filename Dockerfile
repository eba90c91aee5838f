# One image for every app; APP selects which one runs (reports, webhook-registry, dispatcher, gateway).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
ENV APP=gateway HOST=0.0.0.0 NO_COLOR=1
CMD ["sh", "-c", "exec node -r @swc-node/register apps/$APP/src/main.ts"]
