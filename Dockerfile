# One image for the five services and the Odoo simulator (docker-compose.yml picks the command).
# Not built in CI here (no Docker engine on the build machines); kept in step with the local scripts.
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs ./libs
COPY services ./services
COPY schemas ./schemas
COPY infra ./infra
COPY tools ./tools
COPY nx.json tsconfig.base.json jest.preset.cjs ./
RUN npm ci --no-audit --no-fund && npx nx run-many -t build && npm prune --omit=dev --workspaces=false || true
ENV NODE_ENV=production HOST=0.0.0.0
