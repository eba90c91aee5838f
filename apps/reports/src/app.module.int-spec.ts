import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { AppModule } from './app.module';

describe('reports service', () => {
  let service: TestService;

  beforeAll(async () => {
    const config = testServiceConfig('reports');
    service = await startTestService(AppModule.register(config), config);
  });
  afterAll(() => service.close());

  it('boots on its own schema with migrations applied and reports healthy dependencies', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(await response.json()).toEqual({
      service: 'reports',
      status: 'ok',
      checks: { postgres: 'ok', kafka: 'ok' },
    });
  });
});
