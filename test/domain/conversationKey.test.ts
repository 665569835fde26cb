import { channelOfServiceUrl, DIRECT_LINE_CHANNEL, keyText } from '../../src/domain/conversationKey';

describe('channelOfServiceUrl', () => {
  test.each<[unknown, string | null]>([
    ['https://smba.trafficmanager.net/amer/', 'https://smba.trafficmanager.net'],
    ['https://SMBA.trafficmanager.net:443/emea/x', 'https://smba.trafficmanager.net'],
    ['http://127.0.0.1:3979', 'http://127.0.0.1:3979'],
    ['http://localhost:80/', 'http://localhost'],
    ['http://[::1]:9000/v3', 'http://[::1]:9000'],
    ['urn:qsee:directline', null],
    ['directline', null],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['', null],
    [42, null],
    [undefined, null],
    [{ href: 'https://x.example' }, null],
  ])('%p → %p', (url, channel) => {
    expect(channelOfServiceUrl(url)).toBe(channel);
  });

  test('no serviceUrl can name our Direct Line, and keys of two channels never meet', () => {
    expect(channelOfServiceUrl('https://directline')).not.toBe(DIRECT_LINE_CHANNEL);
    expect(keyText({ channel: 'https://a.example', id: 'x' })).not.toBe(keyText({ channel: 'https://b.example', id: 'x' }));
    expect(keyText({ channel: DIRECT_LINE_CHANNEL, id: 'x' })).not.toBe(keyText({ channel: 'https://a.example', id: 'x' }));
  });
});
