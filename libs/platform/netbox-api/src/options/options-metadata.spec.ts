import { optionsMetadata } from './options-metadata';

describe('optionsMetadata', () => {
  it("produces DRF's OPTIONS body with choices where pynetbox's choices() reads them", () => {
    const methods = ['GET', 'POST'].map((value) => ({ value, display_name: value }));
    expect(
      optionsMetadata({
        name: 'Webhook List',
        fields: {
          id: { type: 'integer', label: 'ID', read_only: true },
          name: { type: 'string', label: 'Name', required: true, max_length: 150 },
          http_method: { type: 'choice', label: 'HTTP method', choices: methods },
          status: { type: 'choice', label: 'Status', read_only: true, choices: methods },
        },
      }),
    ).toEqual({
      name: 'Webhook List',
      description: '',
      renders: ['application/json', 'text/html'],
      parses: ['application/json', 'multipart/form-data'],
      actions: {
        POST: {
          id: { type: 'integer', required: false, read_only: true, label: 'ID' },
          name: { type: 'string', required: true, read_only: false, label: 'Name', max_length: 150 },
          http_method: {
            type: 'choice',
            required: false,
            read_only: false,
            label: 'HTTP method',
            choices: methods,
          },
          status: { type: 'choice', required: false, read_only: true, label: 'Status' },
        },
      },
    });
  });

  it("keeps DRF's key order", () => {
    const body = optionsMetadata({
      name: 'x',
      fields: { f: { choices: [], max_length: 3, help_text: 'h', label: 'F', type: 'choice' } },
    });
    expect(Object.keys(body)).toEqual(['name', 'description', 'renders', 'parses', 'actions']);
    expect(Object.keys(body.actions.POST.f)).toEqual([
      'type',
      'required',
      'read_only',
      'label',
      'help_text',
      'max_length',
      'choices',
    ]);
  });
});
