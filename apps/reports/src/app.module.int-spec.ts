import { startTestService, testServiceConfig, type TestService } from '@validity/service-testing';
import { AppModule } from './app.module';
import { reportsTestConfig } from './test-support/reports-test-config';

describe('reports service', () => {
  let service: TestService;

  beforeAll(async () => {
    const config = reportsTestConfig(testServiceConfig('reports'));
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

  it('documents its NetBox routes in OpenAPI, without the catch-alls that answer 405', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const methods = (path: string) => Object.keys(document.paths[path] ?? {}).sort();
    expect(methods('/api/plugins/validity/tests/')).toEqual(['get', 'options', 'post']);
    expect(methods('/api/plugins/validity/tests/{id}/')).toEqual(['delete', 'get', 'patch', 'put']);
    expect(methods('/api/plugins/validity/reports/')).toEqual(['get', 'options', 'post']);
    expect(methods('/api/plugins/validity/reports/{id}/')).toEqual(['delete', 'get']);
    expect(methods('/api/plugins/validity/test-results/')).toEqual(['get']);
    expect(methods('/api/plugins/validity/test-results/{id}/')).toEqual(['get']);
  });
});
