import { portSetting } from './port-check';

describe('portSetting', () => {
  it('reads a port number, falls back to the default when unset, and refuses anything else naming the setting', () => {
    expect(portSetting({ GATEWAY_PORT: '18000' }, 'GATEWAY_PORT', 8000)).toBe(18000);
    expect(portSetting({}, 'GATEWAY_PORT', 8000)).toBe(8000);
    for (const text of ['80OO', '', '0', '65536', '-1', '8000.5', ' 8000', '0x1f40'])
      expect(() => portSetting({ GATEWAY_PORT: text }, 'GATEWAY_PORT', 8000)).toThrow(
        `GATEWAY_PORT must be a port number (1-65535), not ${JSON.stringify(text)}`,
      );
  });
});
