import { asyncApiErrors } from './asyncapi-errors';

const DOCUMENT = {
  asyncapi: '3.0.0',
  info: { title: 'reports', version: '1.0.0' },
  defaultContentType: 'application/json',
  channels: {
    created: {
      address: 'reports.created',
      messages: { created: { $ref: '#/components/messages/created' } },
    },
  },
  operations: {
    'receive-created': {
      action: 'receive',
      channel: { $ref: '#/channels/created' },
      messages: [{ $ref: '#/channels/created/messages/created' }],
    },
  },
  components: {
    messages: {
      created: { payload: { type: 'object', properties: { id: { type: 'integer' } } } },
    },
  },
};

describe('asyncApiErrors', () => {
  it('finds nothing in a document the AsyncAPI parser reads', async () => {
    expect(await asyncApiErrors(DOCUMENT)).toEqual([]);
    expect(await asyncApiErrors(JSON.stringify(DOCUMENT))).toEqual([]);
  });

  it('names each error: a missing required field and a $ref to nothing', async () => {
    const withoutInfo: Partial<typeof DOCUMENT> = { ...DOCUMENT };
    delete withoutInfo.info;
    expect(await asyncApiErrors(withoutInfo)).toEqual([
      '$: Object must have required property "info" (asyncapi-document-resolved)',
    ]);
    const dangling = {
      ...DOCUMENT,
      channels: { created: { ...DOCUMENT.channels.created, messages: { created: { $ref: '#/nope' } } } },
    };
    expect(await asyncApiErrors(dangling)).toEqual([
      expect.stringMatching(/: '#\/nope' does not exist \(invalid-ref\)$/),
    ]);
  });
});
