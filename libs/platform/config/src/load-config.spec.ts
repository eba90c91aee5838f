import { IsInt, Max, Min } from 'class-validator';
import { InvalidConfigError, loadEnv } from './load-config';
import { PlatformEnv } from './platform.env';

class ExampleEnv extends PlatformEnv {
  @IsInt()
  @Min(1)
  @Max(65535)
  EXAMPLE_PORT: number = 8001;
}

describe('loadEnv', () => {
  it('applies defaults, converts numbers and freezes the result', () => {
    const env = loadEnv(ExampleEnv, {
      DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db',
      EXAMPLE_PORT: '9100',
    });
    expect(env.EXAMPLE_PORT).toBe(9100);
    expect(env.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('names every invalid key', () => {
    expect.assertions(3);
    try {
      loadEnv(ExampleEnv, { DATABASE_URL: 'mysql://x', EXAMPLE_PORT: '70000' });
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      expect((error as InvalidConfigError).problems.join('\n')).toContain('DATABASE_URL');
      expect((error as InvalidConfigError).problems.join('\n')).toContain('EXAMPLE_PORT');
    }
  });
});
