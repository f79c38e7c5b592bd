# One image for the seven services and the simulators; docker-compose.yml picks the command.
# No Docker engine on the CI machines: `npm run deploy:check` checks this file against the repo
# (build stages, copied bundles, non-root user, no swallowed failures) instead of building it.

# build: every dependency, then one esbuild bundle per project (<project>/dist/main.js, with the
# @o2c libs inlined and npm packages left external). Also the image of the one-shot db-setup,
# which runs infra/scripts from source with tsx, as `npm run db:setup` does.
FROM node:24-slim AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true
WORKDIR /app
RUN chown node:node /app
USER node
COPY --chown=node:node . .
RUN npm ci --no-audit --no-fund
RUN npx nx run-many -t build --outputStyle=static

# prod-deps: the same node_modules without the devDependencies.
FROM build AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund

# runtime: node, the production node_modules and the bundles; nothing runs as root.
FROM node:24-slim AS runtime
ENV NODE_ENV=production
# The services' heap sizing (libs/platform/src/node-options.ts); override per service if needed.
ENV NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=128"
WORKDIR /app
COPY --from=prod-deps /app/package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/services/order-intake/dist ./services/order-intake/dist
COPY --from=build /app/services/inventory-sync/dist ./services/inventory-sync/dist
COPY --from=build /app/services/fulfillment/dist ./services/fulfillment/dist
COPY --from=build /app/services/invoicing/dist ./services/invoicing/dist
COPY --from=build /app/services/odoo-adapter/dist ./services/odoo-adapter/dist
COPY --from=build /app/services/webhooks/dist ./services/webhooks/dist
COPY --from=build /app/services/flow-watch/dist ./services/flow-watch/dist
COPY --from=build /app/infra/odoo-sim/dist ./infra/odoo-sim/dist
COPY --from=build /app/infra/carrier-sim/dist ./infra/carrier-sim/dist
COPY --from=build /app/infra/supplier-sim/dist ./infra/supplier-sim/dist
USER node
# Exec form: node is PID 1 and receives SIGTERM itself (graceful stop, see libs/platform).
CMD ["node", "services/order-intake/dist/main.js"]
