import { listRoutes } from '@o2c/http';
import { checkRoutePolicies, routePolicyKeys } from '@o2c/testing';
import { startHarness } from './harness';

describe('route policies', () => {
  it('every route needs a key with its scope: 401 without one, 403 with another, its answer with it', async () => {
    const h = await startHarness({ API_KEYS: routePolicyKeys() });
    try {
      const routes = listRoutes(h.app.http.app);
      expect(routes.length).toBeGreaterThan(0);
      expect(await checkRoutePolicies(h.url, routes)).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});
