import { listRoutes } from '@o2c/http';
import { checkRoutePolicies, routePolicyKeys } from '@o2c/testing';
import { startCarrierSim, startHarness } from './harness';

describe('route policies', () => {
  it('every route needs a key with its scope: 401 without one, 403 with another, its answer with it', async () => {
    const sim = await startCarrierSim();
    const h = await startHarness(sim, { API_KEYS: routePolicyKeys() });
    await h.startApp();
    try {
      const routes = listRoutes(h.app.http.app);
      expect(routes.length).toBeGreaterThan(5);
      expect(await checkRoutePolicies(h.url, routes)).toEqual([]);
    } finally {
      await h.stop();
      await sim.stop();
    }
  });
});
