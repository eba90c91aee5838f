import { buildAsyncApiDocument } from '@validity/contracts';
import { PlatformEnv } from '@validity/platform/config';
import { AsyncApiController } from './asyncapi.controller';

describe('AsyncApiController', () => {
  it("answers the contracts' document", () => {
    expect(new AsyncApiController().asyncApi()).toEqual(buildAsyncApiDocument());
  });

  it("names the broker the services connect to by default as the document's server", () => {
    expect(buildAsyncApiDocument().servers.kafka.host).toBe(new PlatformEnv().KAFKA_BROKERS);
  });
});
